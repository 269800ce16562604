import { Hono } from 'hono';
import type { SnapshotStore, StoreFault } from '../store/index.ts';
import type { AppEnv } from './app-env.ts';

/** `GET /_edgeflag/health`'s body: enough to tell which flags an isolate serves and why. Nothing secret. */
export interface HealthReport {
  /** `ok`: serving what KV points at; `degraded`: serving the last known good after a fault; `unavailable`: nothing to serve. */
  readonly status: 'ok' | 'degraded' | 'unavailable';
  readonly snapshot: {
    readonly version: number;
    readonly checksum: string;
    readonly publishedAt: string;
    readonly ageSeconds: number;
    readonly message: string;
    readonly loadedAt: string;
    readonly flags: number;
    readonly clientFlags: number;
  } | null;
  readonly refresh: { readonly checkedAt: string | null; readonly cacheTtlSeconds: number };
  readonly lastFault: StoreFault | null;
  readonly detail?: string;
}

function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}

/**
 * Health of this isolate's snapshot store: 200 while a snapshot is loaded, 503 while none is.
 *
 * @example app.route('/', healthRoutes({ store, clock: Date.now }));
 */
export function healthRoutes(deps: { readonly store: SnapshotStore; readonly clock: () => number }): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/_edgeflag/health', (c) => {
    const status = deps.store.status();
    const current = c.get('snapshot');
    const report: HealthReport = {
      status: current === undefined ? 'unavailable' : status.failing ? 'degraded' : 'ok',
      snapshot:
        current === undefined
          ? null
          : {
              version: current.version,
              checksum: current.checksum,
              publishedAt: current.publishedAt,
              ageSeconds: Math.max(0, Math.round((deps.clock() - current.publishedAtMs) / 1000)),
              message: current.message,
              loadedAt: new Date(current.loadedAt).toISOString(),
              flags: current.snapshot.flags.length,
              clientFlags: current.snapshot.clientFlags.length,
            },
      refresh: { checkedAt: iso(status.checkedAt), cacheTtlSeconds: status.ttlSeconds },
      lastFault: status.lastFault ?? null,
      ...(current === undefined && status.lastFault === undefined
        ? { detail: 'nothing is published in EDGEFLAG_KV yet: run edgeflag publish' }
        : {}),
    };
    return c.json(report, current === undefined ? 503 : 200, { 'Cache-Control': 'no-store' });
  });
  return routes;
}
