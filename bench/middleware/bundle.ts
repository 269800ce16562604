import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles a Worker entry as wrangler does (ESM, `workerd`/`worker`/`browser` conditions, not
 * minified, `cloudflare:` modules left to the runtime) into a temporary directory of its own, so the
 * Workers of the benchmarks, and those of the middleware tests, are built the same way. Pass the
 * path to `removeBundle` when done.
 *
 * @example const script = await bundle(root, 'src/worker.ts');
 */
export async function bundle(root: string, entry: string): Promise<string> {
  const outfile = join(await mkdtemp(join(tmpdir(), 'edgeflag-worker-bundle-')), 'worker.js');
  await build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    external: ['cloudflare:*'],
    logLevel: 'error',
  });
  return outfile;
}

/** Deletes the temporary directory `bundle` wrote `script` into. */
export function removeBundle(script: string): Promise<void> {
  return rm(dirname(script), { recursive: true, force: true });
}
