import { Hono } from 'hono';
import type { OverrideHealth, TesterOverrides } from '../crypto/override-request.ts';
import type { MiddlewareFault, MiddlewareFaultLog } from '../middleware/faults.ts';
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
  /** The latest fault of the header-injecting middleware: requests it could not add flags to went to the origin without them. */
  readonly middleware: { readonly lastFault: MiddlewareFault | null };
  /** Flags killed in KV as this isolate last read them (who, when, why: null for a record written by hand). */
  readonly killSwitches: {
    readonly killed: readonly { readonly flag: string; readonly by: string | null; readonly at: string | null; readonly reason: string | null }[];
    /** When the kill switches were last read successfully. */
    readonly readAt: string | null;
    readonly lastFault: StoreFault | null;
  };
  /** Tester overrides: on or off, and how many tokens were ignored since the isolate started, by reason. */
  readonly overrides: OverrideHealth;
  readonly detail?: string;
}

function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}

/**
 * Health of this isolate's snapshot store: 200 while a snapshot is loaded, 503 while none is.
 *
 * @example app.route('/', healthRoutes({ store, clock: Date.now, overrides }));
 */
export function healthRoutes(deps: {
  readonly store: SnapshotStore;
  readonly clock: () => number;
  readonly middlewareFaults?: Pick<MiddlewareFaultLog, 'last'> | undefined;
  readonly overrides: Pick<TesterOverrides, 'health'>;
}): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/_edgeflag/health', (c) => {
    const status = deps.store.status();
    const current = c.get('snapshot');
    const kills = status.kills;
    const report: HealthReport = {
      status: current === undefined ? 'unavailable' : status.failing || kills.failing ? 'degraded' : 'ok',
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
      middleware: { lastFault: deps.middlewareFaults?.last ?? null },
      killSwitches: {
        killed: kills.records.map(({ flag, record }) => ({ flag, by: record?.by ?? null, at: record?.at ?? null, reason: record?.reason ?? null })),
        readAt: iso(kills.readAt),
        lastFault: kills.lastFault ?? null,
      },
      overrides: deps.overrides.health(),
      ...(current === undefined && status.lastFault === undefined
        ? { detail: 'nothing is published in EDGEFLAG_KV yet: run edgeflag publish' }
        : {}),
    };
    return c.json(report, current === undefined ? 503 : 200, { 'Cache-Control': 'no-store' });
  });
  return routes;
}
