import type { Context, MiddlewareHandler, Next } from 'hono';
import type { LoadedSnapshot, SnapshotStore } from '../store/index.ts';
import type { AppEnv } from './app-env.ts';

/** Name of the response header that tells which snapshot version answered (`none` before the first publish). */
export const VERSION_HEADER = 'x-edgeflag-version';

async function answerFrom(loaded: LoadedSnapshot | undefined, c: Context<AppEnv>, next: Next): Promise<void> {
  c.set('snapshot', loaded);
  const headers: Record<string, string> = { [VERSION_HEADER]: loaded === undefined ? 'none' : String(loaded.version) };
  c.set('responseHeaders', headers);
  await next();
  // Evaluation routes put these into their Response when they build it: one header list built
  // once, instead of a native Headers.set per header on every answer (README, Benchmarks, HTTP).
  if (c.get('headersWritten') === true) return;
  const written = c.res.headers;
  for (const name in headers) written.set(name, headers[name]!);
}

/**
 * Puts the snapshot to answer from into `c.var.snapshot` (letting the store refresh behind
 * `waitUntil`) and stamps the response, errors and CORS preflights included, with its version
 * and the headers later middleware adds to `c.var.responseHeaders`.
 * Each request reads the store once, so its body and its version header always agree. Once a
 * snapshot is loaded the store answers synchronously, so no request waits on a promise here.
 *
 * @example app.use(snapshotFor(store));
 */
export function snapshotFor(store: SnapshotStore): MiddlewareHandler<AppEnv> {
  return function edgeflagSnapshot(c, next) {
    const loaded = store.read((promise) => c.executionCtx.waitUntil(promise));
    return loaded instanceof Promise ? loaded.then((first) => answerFrom(first, c, next)) : answerFrom(loaded, c, next);
  };
}
