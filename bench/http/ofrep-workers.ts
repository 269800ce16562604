import type { SnapshotEnvelope } from '../../src/store/envelope.ts';
import { seedSnapshot } from './bench-snapshot.ts';
import type { DirectWorker } from './direct-workerd.ts';
import { startDirectWorkerd } from './direct-workerd.ts';
import { floorWorkerScript } from './floor-worker.ts';
import type { WorkerBundle } from './worker-bundle.ts';

/** edgeflag, the floor Worker and the body-read reference in one workerd, each on its own loopback socket. */
export interface OfrepWorkers {
  readonly edgeflagUrl: string;
  readonly floorUrl: string;
  readonly bodyReadUrl: string;
  dispose(): Promise<void>;
}

export interface OfrepWorkerOptions {
  readonly root: string;
  readonly bundle: WorkerBundle;
  readonly envelope: SnapshotEnvelope;
  readonly serverKey: string;
  /** bench/http/body-read-worker.ts, bundled. */
  readonly bodyReadScript: string;
  /** What the reference answers a bulk request with: a real bulk answer of the same flags. */
  readonly bulkAnswer: string;
}

/** edgeflag's Worker as the benchmarks run it: one server key, CORS for any origin, a 5 s pointer TTL, KV to seed. */
export function edgeflagWorker(name: string, scriptPath: string, serverKey: string): DirectWorker {
  return {
    name,
    scriptPath,
    kvNamespaces: ['EDGEFLAG_KV'],
    bindings: { EDGEFLAG_SERVER_KEYS: serverKey, EDGEFLAG_CACHE_TTL_SECONDS: '5', EDGEFLAG_CORS_ORIGINS: '*' },
  };
}

/** Starts the three Workers; KV is miniflare's local KV, seeded with one published version before the first request. */
export async function startOfrepWorkers(options: OfrepWorkerOptions): Promise<OfrepWorkers> {
  const miniflare = await startDirectWorkerd(options.root, [
    edgeflagWorker('edgeflag', options.bundle.entry, options.serverKey),
    { name: 'body-read', scriptPath: options.bodyReadScript, bindings: { BULK_ANSWER: options.bulkAnswer } },
    { name: 'floor', script: floorWorkerScript() },
  ]);
  await seedSnapshot(miniflare, 'edgeflag', options.envelope);
  const edgeflagUrl = (await miniflare.unsafeGetDirectURL('edgeflag')).origin;
  const floorUrl = (await miniflare.unsafeGetDirectURL('floor')).origin;
  const bodyReadUrl = (await miniflare.unsafeGetDirectURL('body-read')).origin;
  return { edgeflagUrl, floorUrl, bodyReadUrl, dispose: () => miniflare.dispose() };
}
