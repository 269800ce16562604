import type { MiddlewareHandler } from 'hono';
import { withoutOverrideCookie } from '../crypto/override-request.ts';
import { OVERRIDE_COOKIE } from '../crypto/override-token.ts';

/** Every request header whose name starts with this is edgeflag's to set, never the client's. */
export const EDGEFLAG_HEADER_PREFIX = 'x-edgeflag';

/**
 * Removes every `x-edgeflag*` header from mutable headers, in place, so nothing a client sends
 * under those names reaches the origin: only the edge's own, signed, flag headers do. The
 * `edgeflag-override` cookie goes too. Names are
 * collected with `forEach` first: deleting while iterating would skip entries, and `forEach` is
 * the cheapest walk over workerd's Headers (an iterator or `new Headers([...pairs])` costs several
 * times more per request).
 *
 * @example const upstream = new Request(c.req.raw); deleteEdgeflagHeaders(upstream.headers);
 */
export function deleteEdgeflagHeaders(headers: Headers): void {
  let names: string[] | undefined;
  // Header names are lowercase when iterated (Fetch standard, "sort and combine").
  headers.forEach((_, name) => {
    if (name.startsWith(EDGEFLAG_HEADER_PREFIX)) (names ??= []).push(name);
  });
  if (names !== undefined) for (const name of names) headers.delete(name);
  // A tester's override token is a bearer credential for the edge only: the origin never needs it.
  const cookies = headers.get('cookie');
  if (cookies !== null && cookies.includes(OVERRIDE_COOKIE)) {
    const kept = withoutOverrideCookie(cookies);
    if (kept === undefined) headers.delete('cookie');
    else headers.set('cookie', kept);
  }
}

/**
 * Removes incoming `x-edgeflag*` headers and adds none: what the default Worker forwards with when
 * flags cannot be signed (misconfigured vars), so a client still cannot forge them.
 *
 * @example app.use(stripEdgeflagHeaders());
 */
export function stripEdgeflagHeaders(): MiddlewareHandler {
  return async function stripEdgeflagHeaders(c, next) {
    const upstream = new Request(c.req.raw);
    deleteEdgeflagHeaders(upstream.headers);
    c.req.raw = upstream;
    await next();
  };
}
