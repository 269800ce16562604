/// <reference path="../worker-configuration.d.ts" />
import { ConfigError } from './http/config.ts';
import type { EdgeflagService } from './http/service.ts';
import { createService } from './http/service.ts';
import { VERSION_HEADER } from './http/snapshot-middleware.ts';

/** One per isolate: the compiled snapshot lives here between requests. */
let service: EdgeflagService | undefined;

function misconfigured(error: ConfigError): Response {
  return Response.json(
    { errorCode: 'GENERAL', errorDetails: error.message },
    { status: 500, headers: { [VERSION_HEADER]: 'none', 'Cache-Control': 'no-store' } },
  );
}

export default {
  fetch(request, env, ctx) {
    try {
      service ??= createService(env);
    } catch (error) {
      if (error instanceof ConfigError) return misconfigured(error);
      throw error;
    }
    return service.app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
