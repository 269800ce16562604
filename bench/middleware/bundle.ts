import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles a Worker entry as wrangler does (ESM, `workerd`/`worker`/`browser` conditions, not
 * minified), so both Workers of the benchmark are built the same way.
 */
export async function bundle(root: string, entry: string): Promise<string> {
  const outfile = join(await mkdtemp(join(tmpdir(), 'edgeflag-bench-middleware-')), 'worker.js');
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
