import { fileURLToPath } from 'node:url';
import { bundle } from '../../bench/middleware/bundle.ts';

/**
 * Bundles a Worker entry the way wrangler does into a temporary directory, for miniflare: the
 * same build as `npm run bench:middleware` uses, so the tests run what the benchmark measures.
 *
 * @example const script = await bundleWorker('src/worker.ts');
 */
export function bundleWorker(entry: string): Promise<string> {
  return bundle(fileURLToPath(new URL('../../', import.meta.url)), entry);
}
