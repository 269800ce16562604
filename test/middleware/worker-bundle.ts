import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Bundles a Worker entry the way wrangler does (ESM, the `workerd`/`worker`/`browser` export
 * conditions, `cloudflare:` modules left to the runtime) into a temporary directory, for miniflare.
 *
 * @example const script = await bundleWorker('src/worker.ts');
 */
export async function bundleWorker(entry: string): Promise<string> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const outfile = join(await mkdtemp(join(tmpdir(), 'edgeflag-middleware-test-')), 'worker.js');
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
