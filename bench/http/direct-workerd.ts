import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { WorkerOptions } from 'miniflare';
import { Miniflare } from 'miniflare';

/** One Worker of a benchmark's workerd: a bundled module file, or the module's source. */
export type DirectWorker = {
  readonly name: string;
  readonly bindings?: Record<string, string>;
  readonly kvNamespaces?: string[];
} & ({ readonly scriptPath: string } | { readonly script: string });

/** The date the Worker is deployed with, so the benchmarks run the runtime behaviour it ships with. */
export function compatibilityDate(root: string): string {
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'wrangler.toml'), 'utf8'))?.[1];
  if (date === undefined) throw new Error('wrangler.toml has no compatibility_date');
  return date;
}

function workerOptions(worker: DirectWorker, date: string): WorkerOptions {
  const module = 'scriptPath' in worker ? { scriptPath: worker.scriptPath, modulesRoot: dirname(worker.scriptPath) } : { script: worker.script };
  return {
    name: worker.name,
    modules: true,
    ...module,
    compatibilityDate: date,
    ...(worker.bindings === undefined ? {} : { bindings: worker.bindings }),
    ...(worker.kvNamespaces === undefined ? {} : { kvNamespaces: worker.kvNamespaces }),
    unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
  };
}

/**
 * Starts the Workers in one workerd (miniflare), each on its own loopback socket that goes straight
 * into the Worker: no miniflare entry Worker or wrangler proxy in the way, so a Worker's own cost
 * shows. `cf: false` keeps start-up off the network (miniflare would fetch its `request.cf` data,
 * which only its entry Worker uses). Resolves once workerd serves; `unsafeGetDirectURL(name)` gives
 * each Worker's socket.
 *
 * @example const miniflare = await startDirectWorkerd(root, [{ name: 'floor', script: floorWorkerScript() }]);
 */
export async function startDirectWorkerd(root: string, workers: readonly DirectWorker[]): Promise<Miniflare> {
  const date = compatibilityDate(root);
  const miniflare = new Miniflare({ host: '127.0.0.1', port: 0, cf: false, workers: workers.map((worker) => workerOptions(worker, date)) });
  await miniflare.ready;
  return miniflare;
}
