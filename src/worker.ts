/// <reference path="../worker-configuration.d.ts" />
import { OverrideRejections } from './crypto/override-request.ts';
import { ConfigError } from './http/config.ts';
import type { EdgeflagService } from './http/service.ts';
import { createService } from './http/service.ts';
import { VERSION_HEADER } from './http/snapshot-middleware.ts';
import type { Hono } from 'hono';
import { isEdgeflagPath } from './middleware/edgeflag-paths.ts';
import { MiddlewareFaultLog } from './middleware/faults.ts';
import { createProxyApp } from './middleware/proxy-app.ts';

/** One per isolate: the compiled snapshot lives here between requests. */
let service: EdgeflagService | undefined;
/** The proxy for every path outside /ofrep/ and /_edgeflag/, and its faults for health. */
let proxy: Hono | undefined;
const middlewareFaults = new MiddlewareFaultLog();
/** Override tokens ignored by OFREP and by the proxy alike, counted once for health. */
const overrideRejections = new OverrideRejections();

/** The isolate's service, built on first use; throws a ConfigError while the vars are wrong. */
function serviceFor(env: Env): EdgeflagService {
  service ??= createService(env, { middlewareFaults, overrideRejections });
  return service;
}

function misconfigured(error: ConfigError): Response {
  return Response.json(
    { errorCode: 'GENERAL', errorDetails: error.message },
    { status: 500, headers: { [VERSION_HEADER]: 'none', 'Cache-Control': 'no-store' } },
  );
}

export default {
  fetch(request, env, ctx) {
    if (!isEdgeflagPath(request.url)) {
      proxy ??= createProxyApp({
        env,
        // A ConfigError thrown here is reported by the middleware, which forwards without flags.
        snapshot: (c) => serviceFor(env).store.read((p) => c.executionCtx.waitUntil(p)),
        clock: Date.now,
        onFault: middlewareFaults.record,
        onOverrideRejected: overrideRejections.record,
      });
      return proxy.fetch(request, env, ctx);
    }
    let edge: EdgeflagService;
    try {
      edge = serviceFor(env);
    } catch (error) {
      if (error instanceof ConfigError) return misconfigured(error);
      throw error;
    }
    return edge.app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
