import type { MiddlewareHandler } from 'hono';
import type { SnapshotStore } from '../store/index.ts';
import type { AppEnv } from './app-env.ts';

/** Name of the response header that tells which snapshot version answered (`none` before the first publish). */
export const VERSION_HEADER = 'x-edgeflag-version';

/**
 * Puts the snapshot to answer from into `c.var.snapshot` (letting the store refresh behind
 * `waitUntil`) and stamps the response, errors and CORS preflights included, with its version.
 * Each request reads the store once, so its body and its version header always agree.
 *
 * @example app.use(snapshotFor(store));
 */
export function snapshotFor(store: SnapshotStore): MiddlewareHandler<AppEnv> {
  return async function edgeflagSnapshot(c, next) {
    const waitUntil = (promise: Promise<unknown>): void => c.executionCtx.waitUntil(promise);
    const loaded = await store.read(waitUntil);
    c.set('snapshot', loaded);
    await next();
    c.res.headers.set(VERSION_HEADER, loaded === undefined ? 'none' : String(loaded.version));
  };
}
