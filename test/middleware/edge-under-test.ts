import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { buildEnvelope } from '../../src/cli/publish/build-envelope.ts';
import type { FlagDocument } from '../../src/engine/index.ts';
import { POINTER_KEY, versionKey } from '../../src/store/index.ts';

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

function compatibilityDate(): string {
  const toml = readFileSync(fileURLToPath(new URL('../../wrangler.toml', import.meta.url)), 'utf8');
  return /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)![1]!;
}

/**
 * The bundled default Worker in workerd (miniflare), once per configuration, each with its own
 * isolate, vars and local KV. Miniflare's `dispatchFetch` plays Cloudflare's edge: it sets
 * `request.cf` and `CF-Connecting-IP`, which a client cannot.
 *
 * @example const edge = await startEdge(script, [{ name: 'edge', host: 'shop.test', vars, kv: 'flags' }]);
 */
export async function startEdge(script: string, workers: readonly EdgeWorker[]): Promise<EdgeUnderTest> {
  const date = compatibilityDate();
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
      const namespace = await miniflare.getKVNamespace('EDGEFLAG_KV', byKv.get(kv)!);
      const envelope = await buildEnvelope(document, { version, message: `test ${version}`, publishedAt: new Date('2026-01-01T00:00:00Z') });
      await namespace.put(versionKey(version), JSON.stringify(envelope));
      await namespace.put(POINTER_KEY, JSON.stringify({ version, checksum: envelope.checksum }));
    },
    dispose: () => miniflare.dispose(),
  };
}
