import type { SnapshotEnvelope } from '../../src/store/envelope.ts';
import { seedSnapshot } from '../http/bench-snapshot.ts';
import { startDirectWorkerd } from '../http/direct-workerd.ts';

export interface ProxyWorkers {
  /** The default Worker: edgeflag's middleware, then the proxy. */
  readonly middlewareUrl: string;
  /** The same proxy without the middleware. */
  readonly passThroughUrl: string;
  /** The same proxy signing a fixed flag header (bench/middleware/signing-reference-worker.ts). */
  readonly signingReferenceUrl: string;
  dispose(): Promise<void>;
}

export interface ProxyWorkerOptions {
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

/** The three Workers in one workerd, in front of `origin`. KV is seeded before the first request. */
export async function startProxyWorkers(options: ProxyWorkerOptions): Promise<ProxyWorkers> {
  const miniflare = await startDirectWorkerd(options.root, [
    {
      name: 'middleware',
      scriptPath: options.edgeflagScript,
      kvNamespaces: ['EDGEFLAG_KV'],
      bindings: {
        EDGEFLAG_ORIGIN: options.origin,
        EDGEFLAG_SIGNING_SECRET: options.secret,
        EDGEFLAG_TENANT_FROM: 'header:x-tenant',
        EDGEFLAG_CACHE_TTL_SECONDS: '5',
        EDGEFLAG_CORS_ORIGINS: '*',
      },
    },
    { name: 'pass-through', scriptPath: options.passThroughScript, bindings: { EDGEFLAG_ORIGIN: options.origin } },
    {
      name: 'signing-reference',
      scriptPath: options.signingReferenceScript,
      bindings: { EDGEFLAG_ORIGIN: options.origin, EDGEFLAG_SIGNING_SECRET: options.secret, FLAG_HEADER: options.flagHeader },
    },
  ]);
  await seedSnapshot(miniflare, 'middleware', options.envelope);
  return {
    middlewareUrl: (await miniflare.unsafeGetDirectURL('middleware')).origin,
    passThroughUrl: (await miniflare.unsafeGetDirectURL('pass-through')).origin,
    signingReferenceUrl: (await miniflare.unsafeGetDirectURL('signing-reference')).origin,
    dispose: () => miniflare.dispose(),
  };
}
