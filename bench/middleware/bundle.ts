import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles a Worker entry as wrangler does (ESM, `workerd`/`worker`/`browser` conditions, not
 * minified, `cloudflare:` modules left to the runtime), so both Workers of the benchmark, and the
 * Workers of the middleware tests, are built the same way.
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
