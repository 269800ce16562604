import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Miniflare } from 'miniflare';
import type { SnapshotEnvelope } from '../../src/store/envelope.ts';
import { POINTER_KEY, versionKey } from '../../src/store/keys.ts';

export interface ProxyPair {
  /** The default Worker: edgeflag's middleware, then the proxy. */
  readonly middlewareUrl: string;
  /** The same proxy without the middleware. */
  readonly passThroughUrl: string;
  /** The same proxy signing a fixed flag header (bench/middleware/signing-reference-worker.ts). */
  readonly signingReferenceUrl: string;
  dispose(): Promise<void>;
}

export interface PairOptions {
  readonly root: string;
  readonly edgeflagScript: string;
  readonly passThroughScript: string;
  readonly signingReferenceScript: string;
  /** The `x-edgeflag` value the signing reference forwards on every request. */
  readonly flagHeader: string;
  readonly origin: string;
  readonly envelope: SnapshotEnvelope;
  readonly secret: string;
}

function compatibilityDate(root: string): string {
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'wrangler.toml'), 'utf8'))?.[1];
  if (date === undefined) throw new Error('wrangler.toml has no compatibility_date');
  return date;
}

/**
 * The three Workers in one workerd (miniflare), each on its own loopback socket that goes straight into
 * the Worker, so neither pays for miniflare's entry Worker. KV is seeded before the first request.
 */
export async function startProxyPair(options: PairOptions): Promise<ProxyPair> {
  const date = compatibilityDate(options.root);
  const socket = [{ host: '127.0.0.1', port: 0 }];
  const miniflare = new Miniflare({
    host: '127.0.0.1',
    port: 0,
    cf: false,
    workers: [
      {
        name: 'middleware',
        modules: true,
        scriptPath: options.edgeflagScript,
        modulesRoot: dirname(options.edgeflagScript),
        compatibilityDate: date,
        kvNamespaces: ['EDGEFLAG_KV'],
        bindings: {
          EDGEFLAG_ORIGIN: options.origin,
          EDGEFLAG_SIGNING_SECRET: options.secret,
          EDGEFLAG_TENANT_FROM: 'header:x-tenant',
          EDGEFLAG_CACHE_TTL_SECONDS: '5',
          EDGEFLAG_CORS_ORIGINS: '*',
        },
        unsafeDirectSockets: socket,
      },
      {
        name: 'pass-through',
        modules: true,
        scriptPath: options.passThroughScript,
        modulesRoot: dirname(options.passThroughScript),
        compatibilityDate: date,
        bindings: { EDGEFLAG_ORIGIN: options.origin },
        unsafeDirectSockets: socket,
      },
      {
        name: 'signing-reference',
        modules: true,
        scriptPath: options.signingReferenceScript,
        modulesRoot: dirname(options.signingReferenceScript),
        compatibilityDate: date,
        bindings: { EDGEFLAG_ORIGIN: options.origin, EDGEFLAG_SIGNING_SECRET: options.secret, FLAG_HEADER: options.flagHeader },
        unsafeDirectSockets: socket,
      },
    ],
  });
  await miniflare.ready;
  const kv = await miniflare.getKVNamespace('EDGEFLAG_KV', 'middleware');
  await kv.put(versionKey(options.envelope.version), JSON.stringify(options.envelope));
  await kv.put(POINTER_KEY, JSON.stringify({ version: options.envelope.version, checksum: options.envelope.checksum }));
  return {
    middlewareUrl: (await miniflare.unsafeGetDirectURL('middleware')).origin,
    passThroughUrl: (await miniflare.unsafeGetDirectURL('pass-through')).origin,
    signingReferenceUrl: (await miniflare.unsafeGetDirectURL('signing-reference')).origin,
    dispose: () => miniflare.dispose(),
  };
}
