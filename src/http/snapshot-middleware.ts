import type { Context, MiddlewareHandler, Next } from 'hono';
import type { LoadedSnapshot, SnapshotStore } from '../store/index.ts';
import type { AppEnv } from './app-env.ts';

/** Name of the response header that tells which snapshot version answered (`none` before the first publish). */
export const VERSION_HEADER = 'x-edgeflag-version';

async function answerFrom(loaded: LoadedSnapshot | undefined, c: Context<AppEnv>, next: Next): Promise<void> {
  c.set('snapshot', loaded);
  await next();
  c.res.headers.set(VERSION_HEADER, loaded === undefined ? 'none' : String(loaded.version));
}

/**
 * Puts the snapshot to answer from into `c.var.snapshot` (letting the store refresh behind
 * `waitUntil`) and stamps the response, errors and CORS preflights included, with its version.
 * Each request reads the store once, so its body and its version header always agree. Once a
 * snapshot is loaded the store answers synchronously, so no request waits on a promise here.
 *
 * @example app.use(snapshotFor(store));
 */
export function snapshotFor(store: SnapshotStore): MiddlewareHandler<AppEnv> {
  return function edgeflagSnapshot(c, next) {
    const loaded = store.readNow((promise) => c.executionCtx.waitUntil(promise));
    return loaded instanceof Promise ? loaded.then((first) => answerFrom(first, c, next)) : answerFrom(loaded, c, next);
  };
}
