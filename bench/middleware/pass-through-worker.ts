// The yardstick of `npm run bench:middleware`: the default Worker's own proxy to the origin (hono's
// proxy helper, same Hono routing) without edgeflag's middleware in front of it, so the difference
// between the two is exactly what the middleware costs.
import { Hono } from 'hono';
import { originProxy } from '../../src/middleware/origin-proxy.ts';

let app: Hono | undefined;

export default {
  fetch(request: Request, env: { readonly EDGEFLAG_ORIGIN: string }, ctx: ExecutionContext) {
    app ??= new Hono().all('*', originProxy(env.EDGEFLAG_ORIGIN));
    return app.fetch(request, env, ctx);
  },
};
