import type { Hono } from 'hono';
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
  const app = createApp({ store, config, keys: new ServerKeys(config.serverKeys), clock });
  return { app, store };
}
