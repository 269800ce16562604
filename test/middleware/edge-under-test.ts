import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { seedSnapshot } from '../../bench/http/bench-snapshot.ts';
import { compatibilityDate } from '../../bench/http/direct-workerd.ts';
import { bundle, removeBundle } from '../../bench/middleware/bundle.ts';
import { buildEnvelope } from '../../src/cli/publish/build-envelope.ts';
import type { FlagDocument } from '../../src/engine/index.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One configuration of the default Worker, answering on its own host. */
export interface EdgeWorker {
  readonly name: string;
  /** Requests to this host (and its subdomains) go to this Worker. */
  readonly host: string;
  readonly vars: Record<string, string>;
  /** KV namespace id: Workers sharing one share the published snapshot. */
  readonly kv: string;
}

export interface EdgeUnderTest {
  /** A request to the edge as Cloudflare would deliver it: `cf` and `CF-Connecting-IP` set by the test. */
  fetch(url: string, init?: RequestInit & { cf?: Record<string, unknown>; ip?: string }): Promise<Response>;
  publish(kv: string, document: FlagDocument, version: number): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * The default Worker, bundled as `npm run bench:middleware` bundles it (so the tests run what the
 * benchmark measures), in workerd (miniflare), once per configuration, each with its own isolate,
 * vars and local KV; `dispose` removes the bundle too. Miniflare's `dispatchFetch` plays Cloudflare's edge: it sets
 * `request.cf` and `CF-Connecting-IP`, which a client cannot.
 *
 * @example const edge = await startEdge([{ name: 'edge', host: 'shop.test', vars, kv: 'flags' }]);
 */
export async function startEdge(workers: readonly EdgeWorker[]): Promise<EdgeUnderTest> {
  const script = await bundle(ROOT, 'src/worker.ts');
  const date = compatibilityDate(ROOT);
  const miniflare = new Miniflare({
    host: '127.0.0.1',
    cf: false,
    workers: workers.map((worker) => ({
      name: worker.name,
      modules: true,
      scriptPath: script,
      modulesRoot: dirname(script),
      compatibilityDate: date,
      routes: [`${worker.host}/*`, `*.${worker.host}/*`],
      kvNamespaces: { EDGEFLAG_KV: worker.kv },
      bindings: { EDGEFLAG_CACHE_TTL_SECONDS: '0', EDGEFLAG_CORS_ORIGINS: '*', ...worker.vars },
    })),
  });
  await miniflare.ready;
  const byKv = new Map(workers.map((worker) => [worker.kv, worker.name]));
  return {
    fetch(url, init = {}) {
      const { cf, ip, ...rest } = init;
      const headers = new Headers(rest.headers);
      headers.set('cf-connecting-ip', ip ?? '198.51.100.20');
      return miniflare.dispatchFetch(url, { ...rest, headers, cf: cf ?? { country: 'US', region: 'Texas', city: 'Austin', asn: 7018, colo: 'DFW' }, redirect: 'manual' } as never) as unknown as Promise<Response>;
    },
    async publish(kv, document, version) {
      const envelope = await buildEnvelope(document, { version, message: `test ${version}`, publishedAt: new Date('2026-01-01T00:00:00Z') });
      await seedSnapshot(miniflare, byKv.get(kv)!, envelope);
    },
    async dispose() {
      await miniflare.dispose();
      await removeBundle(script);
    },
  };
}
