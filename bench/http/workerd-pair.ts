import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Miniflare } from 'miniflare';
import type { SnapshotEnvelope } from '../../src/store/envelope.ts';
import { POINTER_KEY, versionKey } from '../../src/store/keys.ts';
import { floorWorkerScript } from './floor-worker.ts';
import type { WorkerBundle } from './worker-bundle.ts';

/** edgeflag, the floor Worker and the body-read reference in one workerd, each on its own loopback socket. */
export interface WorkerdPair {
  readonly edgeflagUrl: string;
  readonly floorUrl: string;
  readonly bodyReadUrl: string;
  dispose(): Promise<void>;
}

export interface PairOptions {
  readonly root: string;
  readonly bundle: WorkerBundle;
  readonly envelope: SnapshotEnvelope;
  readonly serverKey: string;
  /** bench/http/body-read-worker.ts, bundled. */
  readonly bodyReadScript: string;
  /** What the reference answers a bulk request with: a real bulk answer of the same flags. */
  readonly bulkAnswer: string;
}

function compatibilityDate(root: string): string {
  const toml = readFileSync(join(root, 'wrangler.toml'), 'utf8');
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  if (date === undefined) throw new Error('wrangler.toml has no compatibility_date');
  return date;
}

/**
 * Starts workerd through miniflare with direct sockets: a request goes straight into the Worker,
 * not through miniflare's entry Worker or wrangler's proxy, so the Worker's own cost shows. KV is
 * miniflare's local KV, seeded with one published version before the first request.
 */
export async function startWorkerdPair(options: PairOptions): Promise<WorkerdPair> {
  const date = compatibilityDate(options.root);
  const miniflare = new Miniflare({
    host: '127.0.0.1',
    port: 0,
    workers: [
      {
        name: 'edgeflag',
        modules: true,
        scriptPath: options.bundle.entry,
        modulesRoot: dirname(options.bundle.entry),
        compatibilityDate: date,
        kvNamespaces: ['EDGEFLAG_KV'],
        bindings: { EDGEFLAG_SERVER_KEYS: options.serverKey, EDGEFLAG_CACHE_TTL_SECONDS: '5', EDGEFLAG_CORS_ORIGINS: '*' },
        unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
      },
      {
        name: 'body-read',
        modules: true,
        scriptPath: options.bodyReadScript,
        modulesRoot: dirname(options.bodyReadScript),
        compatibilityDate: date,
        bindings: { BULK_ANSWER: options.bulkAnswer },
        unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
      },
      {
        name: 'floor',
        modules: true,
        script: floorWorkerScript(),
        compatibilityDate: date,
        unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
      },
    ],
  });
  await miniflare.ready;
  const kv = await miniflare.getKVNamespace('EDGEFLAG_KV', 'edgeflag');
  await kv.put(versionKey(options.envelope.version), JSON.stringify(options.envelope));
  await kv.put(POINTER_KEY, JSON.stringify({ version: options.envelope.version, checksum: options.envelope.checksum }));
  const edgeflagUrl = (await miniflare.unsafeGetDirectURL('edgeflag')).origin;
  const floorUrl = (await miniflare.unsafeGetDirectURL('floor')).origin;
  const bodyReadUrl = (await miniflare.unsafeGetDirectURL('body-read')).origin;
  return { edgeflagUrl, floorUrl, bodyReadUrl, dispose: () => miniflare.dispose() };
}
