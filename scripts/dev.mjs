#!/usr/bin/env node
// `npm run dev`: seeds local KV from examples/flags/ with `edgeflag publish --local`, then runs
// `wrangler dev` on http://127.0.0.1:8787 against that same local KV (.wrangler/state). No
// Cloudflare account and no configuration: without a .dev.vars file the Worker gets a fixed dev
// server key and CORS for any origin (see .dev.vars.example). Extra arguments go to wrangler dev.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const DEV_VARS = { EDGEFLAG_SERVER_KEYS: 'dev-server-key', EDGEFLAG_CORS_ORIGINS: '*' };

function run(args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', ...options });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
    });
  });
}

const seeded = await run(['bin/edgeflag.mjs', 'publish', 'examples/flags', '--local', '--message', 'seeded by npm run dev']);
if (seeded !== 0) {
  console.error('npm run dev: seeding local KV from examples/flags/ failed (see above); wrangler dev was not started.');
  process.exit(seeded);
}

const hasDevVars = existsSync(new URL('../.dev.vars', import.meta.url));
const vars = hasDevVars ? [] : Object.entries(DEV_VARS).flatMap(([name, value]) => ['--var', `${name}:${value}`]);
if (!hasDevVars) {
  console.log(`npm run dev: no .dev.vars, so the server key is "${DEV_VARS.EDGEFLAG_SERVER_KEYS}" and CORS allows any origin (copy .dev.vars.example to change them).`);
}
const wrangler = fileURLToPath(new URL('../node_modules/wrangler/bin/wrangler.js', import.meta.url));
process.exit(await run([wrangler, 'dev', '--local', '--ip', '127.0.0.1', '--port', '8787', ...vars, ...process.argv.slice(2)]));
