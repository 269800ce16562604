import type { Handler } from 'hono';
import { proxy } from 'hono/proxy';

/** Hosts a Worker cannot sit in front of an origin on: a fetch of the request's own URL would come back to it. */
function selfAddressed(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]' || hostname.endsWith('.workers.dev');
}

/**
 * Forwards a request to the origin with hono's proxy helper (hop-by-hop headers dropped both ways,
 * RFC 9110 §7.6.1): to `origin` with the request's path and query when given (EDGEFLAG_ORIGIN),
 * else to the request's own URL, which on a Worker route reaches the origin behind it. Redirects
 * go back to the client rather than being followed. The origin learns the host the client
 * addressed from `X-Forwarded-Host` (that is the host the flag signature covers).
 *
 * @example app.all('*', originProxy('https://origin.example.com'));
 */
export function originProxy(origin: string | undefined): Handler {
  return async function proxyToOrigin(c) {
    const url = new URL(c.req.url);
    if (origin === undefined && selfAddressed(url.hostname)) {
      return c.json(
        { errorCode: 'GENERAL', errorDetails: `edgeflag has no origin to forward ${url.pathname} to: set the var EDGEFLAG_ORIGIN, or run the Worker on a route in front of your site` },
        404,
      );
    }
    const target = origin === undefined ? url : new URL(url.pathname + url.search, origin);
    const headers = new Headers(c.req.raw.headers);
    headers.set('x-forwarded-host', url.host);
    headers.set('x-forwarded-proto', url.protocol.slice(0, -1));
    try {
      return await proxy(target, { raw: c.req.raw, headers, redirect: 'manual' });
    } catch (error) {
      console.error(`edgeflag: the origin did not answer ${c.req.method} ${target.origin}${target.pathname}: ${error instanceof Error ? error.message : String(error)}`);
      return c.text('Bad Gateway: the origin did not answer', 502);
    }
  };
}
