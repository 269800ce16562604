import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

/** RFC 6265bis §5.6.2 caps a cookie's lifetime at 400 days; browsers clamp longer ones to it. */
const MAX_AGE_SECONDS = 400 * 24 * 60 * 60;
/** What `crypto.randomUUID()` returns (RFC 9562 version 4): anything else in the cookie is replaced. */
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A visitor's anonymous id and whether the response must set its cookie. */
export interface AnonymousId {
  readonly id: string;
  readonly isNew: boolean;
}

/**
 * The visitor's anonymous id from the cookie, or a new random one (122 random bits) when there is
 * none or it is not one edgeflag wrote.
 *
 * @example const { id, isNew } = anonymousId(c, 'edgeflag_id');
 */
export function anonymousId(c: Context, cookie: string): AnonymousId {
  const sent = getCookie(c, cookie);
  if (sent !== undefined && UUID_V4.test(sent)) return { id: sent, isNew: false };
  return { id: crypto.randomUUID(), isNew: true };
}

/**
 * Sets the anonymous id cookie: `HttpOnly` (page scripts never need it: flags reach the page
 * evaluated), `Secure`, `SameSite=Lax` (sent on top-level navigations from other sites, so a visitor
 * arriving from a link keeps their variant) and `Path=/`, for the longest lifetime browsers keep.
 *
 * @example rememberAnonymousId(c, 'edgeflag_id', id);
 */
export function rememberAnonymousId(c: Context, cookie: string, id: string): void {
  setCookie(c, cookie, id, { path: '/', httpOnly: true, secure: true, sameSite: 'Lax', maxAge: MAX_AGE_SECONDS });
}
