import { Hono } from 'hono';
import type { TesterOverrides } from '../crypto/override-request.ts';
import { OVERRIDE_COOKIE } from '../crypto/override-token.ts';
import type { AppEnv } from './app-env.ts';

export const OVERRIDE_LINK_PATH = '/_edgeflag/override';

/** A link's response must never be stored, and the page it leads to must not learn its URL (the token). */
const LINK_HEADERS = Object.freeze({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });

/** Any base works: only whether a target stays on it matters. */
const SAME_ORIGIN_BASE = 'https://same-origin.invalid';

/**
 * The path to send the tester to: a path on this host only (`/checkout?step=2`), never an absolute
 * or scheme-relative URL (`//evil.example`, `/\evil.example`), which would make the link an open redirect.
 */
function sameOriginPath(to: string | undefined): string | undefined {
  if (to === undefined || to === '') return '/';
  // Control characters and backslashes are refused outright: browsers strip or rewrite them (WHATWG URL §4.4).
  if (!to.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(to)) return undefined;
  let url: URL;
  try {
    url = new URL(to, SAME_ORIGIN_BASE);
  } catch {
    return undefined;
  }
  return url.origin === SAME_ORIGIN_BASE ? url.pathname + url.search + url.hash : undefined;
}

/**
 * The cookie, as RFC 6265bis writes it: HttpOnly (page scripts cannot read the token), Secure (only over
 * HTTPS; browsers treat http://localhost as secure), SameSite=Lax (sent on top-level navigation, the way
 * a tester arrives, not on cross-site subrequests), Path=/ so OFREP and every proxied page see it.
 */
function cookie(value: string, maxAgeSeconds: number): string {
  return `${OVERRIDE_COOKIE}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=Lax`;
}

/**
 * `GET /_edgeflag/override?token=…&to=/path`: checks the token (signature and expiry; the tenant
 * scope is checked on every request), sets it as the `edgeflag-override` cookie until it expires and
 * redirects to `to`, a path on this host (default `/`). `?clear&to=/path` removes the cookie.
 * A bad token sets nothing and is counted in health.
 *
 * @example app.route('/', overrideRoutes({ overrides, clock: Date.now }));
 */
export function overrideRoutes(deps: { readonly overrides: TesterOverrides; readonly clock: () => number }): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get(OVERRIDE_LINK_PATH, async (c) => {
    const refuse = (status: 400 | 404, why: string) => c.text(`edgeflag: ${why}\n`, status, LINK_HEADERS);
    if (!deps.overrides.enabled) return refuse(404, 'tester overrides are off: set the EDGEFLAG_OVERRIDE_SECRET secret to turn them on');
    const to = sameOriginPath(c.req.query('to'));
    if (to === undefined) return refuse(400, '"to" must be a path on this host, such as /checkout');
    if (c.req.query('clear') !== undefined) return c.body(null, 303, { ...LINK_HEADERS, Location: to, 'Set-Cookie': cookie('', 0) });
    const token = c.req.query('token');
    if (token === undefined || token === '') return refuse(400, 'add ?token=<the token edgeflag override printed>');
    const now = deps.clock();
    const payload = await deps.overrides.authentic(token, now);
    if (payload === undefined) return refuse(400, 'the token is expired, malformed or not signed with this Worker\'s secret: mint a new one with edgeflag override');
    const maxAge = Math.max(1, Math.floor(payload.exp - now / 1000));
    return c.body(null, 303, { ...LINK_HEADERS, Location: to, 'Set-Cookie': cookie(token, maxAge) });
  });
  return routes;
}
