import type { Hono } from 'hono';
import type { OverrideRejections } from '../crypto/override-request.ts';
import { TesterOverrides } from '../crypto/override-request.ts';
import type { MiddlewareFaultLog } from '../middleware/faults.ts';
import type { KvReader, StoreFault } from '../store/index.ts';
import { SnapshotStore } from '../store/index.ts';
import type { AppEnv } from './app-env.ts';
import { createApp } from './app.ts';
import { readConfig } from './config.ts';
import type { EdgeflagEnv } from './env.ts';
import { ServerKeys } from './server-keys.ts';

export interface EdgeflagService {
  readonly app: Hono<AppEnv>;
  readonly store: SnapshotStore;
}

export interface ServiceOptions {
  /** Defaults to `Date.now`. */
  readonly clock?: () => number;
  /** Defaults to the `EDGEFLAG_KV` binding. */
  readonly kv?: KvReader;
  /** Defaults to a `console.warn` line, which `wrangler tail` shows. */
  readonly onFault?: (fault: StoreFault) => void;
  /** Faults of the header-injecting middleware, shown by health. */
  readonly middlewareFaults?: Pick<MiddlewareFaultLog, 'last'>;
  /** Where ignored override tokens are counted; the default Worker shares one with its proxy, so health counts both. */
  readonly overrideRejections?: OverrideRejections;
}

function logFault(fault: StoreFault): void {
  console.warn(`edgeflag: snapshot refresh failed (${fault.kind}): ${fault.message}`);
}

/**
 * Wires one isolate's edgeflag: reads the config (throwing a ConfigError that names every bad var),
 * then builds the snapshot store over KV and the HTTP app over the store.
 *
 * @example const { app } = createService(env); return app.fetch(request, env, ctx);
 */
export function createService(env: EdgeflagEnv, options: ServiceOptions = {}): EdgeflagService {
  const config = readConfig(env);
  const clock = options.clock ?? Date.now;
  const store = new SnapshotStore({
    kv: options.kv ?? env.EDGEFLAG_KV,
    ttlSeconds: config.cacheTtlSeconds,
    clock,
    onFault: options.onFault ?? logFault,
  });
  const overrides = new TesterOverrides(env.EDGEFLAG_OVERRIDE_SECRET, options.overrideRejections);
  const keys = new ServerKeys(config.serverKeys);
  const app = createApp({ store, config, keys, clock, middlewareFaults: options.middlewareFaults, overrides });
  return { app, store };
}
