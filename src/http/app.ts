import { Hono } from 'hono';
import type { TesterOverrides } from '../crypto/override-request.ts';
import type { MiddlewareFaultLog } from '../middleware/faults.ts';
import type { SnapshotStore } from '../store/index.ts';
import type { AppEnv } from './app-env.ts';
import type { EdgeflagConfig } from './config.ts';
import { corsFor } from './cors.ts';
import { notFound, ofrepErrorHandler } from './error-handler.ts';
import { healthRoutes } from './health-route.ts';
import { ofrepRoutes } from './ofrep-routes.ts';
import { overrideRoutes } from './override-route.ts';
import type { ServerKeys } from './server-keys.ts';
import { snapshotFor } from './snapshot-middleware.ts';

export interface AppDependencies {
  readonly store: SnapshotStore;
  readonly config: EdgeflagConfig;
  readonly keys: ServerKeys;
  /** Epoch ms for evaluations (schedules) and health ages. */
  readonly clock: () => number;
  /** Faults of the header-injecting middleware (the default Worker's proxy), shown by health. */
  readonly middlewareFaults?: Pick<MiddlewareFaultLog, 'last'> | undefined;
  /** Tester overrides (EDGEFLAG_OVERRIDE_SECRET); off when the secret is not set. */
  readonly overrides: TesterOverrides;
}

/**
 * edgeflag's HTTP app: OFREP under /ofrep/v1/, health under /_edgeflag/, CORS and the version
 * header on every response, one error handler. Built once per isolate.
 *
 * @example const app = createApp({ store, config, keys: new ServerKeys(config.serverKeys), clock: Date.now, overrides: new TesterOverrides(env.EDGEFLAG_OVERRIDE_SECRET) });
 */
export function createApp(deps: AppDependencies): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // First, so that every response (a CORS preflight too) names the snapshot version.
  app.use(snapshotFor(deps.store));
  const cors = corsFor(deps.config.corsOrigins);
  if (cors !== undefined) app.use(cors);
  app.route('/', ofrepRoutes({ keys: deps.keys, clock: deps.clock, overrides: deps.overrides }));
  app.route('/', healthRoutes({ store: deps.store, clock: deps.clock, middlewareFaults: deps.middlewareFaults, overrides: deps.overrides }));
  app.route('/', overrideRoutes({ overrides: deps.overrides, clock: deps.clock }));
  app.notFound(notFound);
  app.onError(ofrepErrorHandler);
  return app;
}
