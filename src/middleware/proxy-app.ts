import { Hono } from 'hono';
import type { OverrideRejection } from '../crypto/override-token.ts';
import type { MiddlewareHandler } from 'hono';
import { edgeflag } from './edgeflag.ts';
import type { MiddlewareFault } from './faults.ts';
import { describeError, FaultReporter } from './faults.ts';
import type { SnapshotSource } from './options.ts';
import { originProxy } from './origin-proxy.ts';
import { stripEdgeflagHeaders } from './strip-headers.ts';
import type { ProxyEnv } from './worker-options.ts';
import { readOrigin, readProxyOptions } from './worker-options.ts';

export interface ProxyAppDependencies {
  /** The Worker's bindings: the vars and secrets of ProxyEnv are read from them. */
  readonly env: object;
  readonly snapshot: SnapshotSource;
  readonly clock: () => number;
  /** Told about every middleware fault; the default Worker keeps the last one for health. */
  readonly onFault: (fault: MiddlewareFault) => void;
  /** Told about every ignored override token; the default Worker counts them for health. */
  readonly onOverrideRejected?: (reason: OverrideRejection) => void;
}

/**
 * The default Worker's proxy for every path outside /ofrep/ and /_edgeflag/: `edgeflag()` with
 * the settings of its vars, then the origin. Misconfigured vars must not cut the origin off: the
 * proxy then forwards without flags (incoming `x-edgeflag*` headers still removed) and reports the
 * problem on every request, so health shows it until it is fixed.
 *
 * @example const proxyApp = createProxyApp({ env, snapshot: (c) => store.read((p) => c.executionCtx.waitUntil(p)), clock: Date.now, onFault });
 */
export function createProxyApp(deps: ProxyAppDependencies): Hono {
  const app = new Hono();
  const faults = new FaultReporter(deps.clock, deps.onFault);
  const env = deps.env as ProxyEnv;
  let origin: string | undefined;
  try {
    origin = readOrigin(env);
  } catch (error) {
    // Without a usable origin there is nowhere safe to forward to; say so on every request.
    const message = describeError(error);
    app.all('*', (c) => {
      faults.report('config-invalid', message);
      return c.text(`edgeflag cannot forward this request: ${message}`, 500);
    });
    return app;
  }
  let flags: MiddlewareHandler;
  try {
    flags = edgeflag({
      ...readProxyOptions(env),
      snapshot: deps.snapshot,
      clock: deps.clock,
      onFault: deps.onFault,
      ...(deps.onOverrideRejected === undefined ? {} : { onOverrideRejected: deps.onOverrideRejected }),
    });
  } catch (error) {
    const message = `${describeError(error)}\nRequests go to the origin without flag headers until the vars are fixed.`;
    const strip = stripEdgeflagHeaders();
    flags = async function edgeflagMisconfigured(c, next) {
      faults.report('config-invalid', message);
      await strip(c, next);
    };
  }
  // One route with both handlers: the router then matches once per request.
  app.all('*', flags, originProxy(origin));
  return app;
}
