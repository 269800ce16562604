import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import { VERSION_HEADER } from './snapshot-middleware.ts';

/** Request headers the OFREP providers send: JSON bodies, ETag revalidation and the two key headers. */
const ALLOWED_HEADERS = 'Content-Type,If-None-Match,Authorization,X-API-Key';

/** Response headers a page may read: the web provider revalidates with `ETag`. */
const EXPOSED_HEADERS = `ETag,${VERSION_HEADER}`;

const ALLOWED_METHODS = 'GET,HEAD,POST,OPTIONS';

/** Browsers cap this (Chromium at 2 hours); 10 minutes keeps preflights rare and a config change quick. */
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * CORS for the configured origins (`'*'` or exact origins), preflight included. Credentials are
 * never allowed: server keys travel in headers a page must set itself, never in cookies.
 * Returns undefined when no origin is configured, so no CORS header is ever sent.
 *
 * It sends what hono's `cors()` sent with these options (Fetch standard §3.2), but through
 * `c.var.responseHeaders` (see snapshotFor), so an evaluation builds one Response with every header:
 * hono's version writes them first into a placeholder response, which makes hono build and copy a
 * second and third Response per request. Must run after snapshotFor.
 *
 * @example const middleware = corsFor(['https://app.example.com']);
 */
export function corsFor(origins: '*' | readonly string[]): MiddlewareHandler<AppEnv> | undefined {
  if (origins !== '*' && origins.length === 0) return undefined;
  const allowed = origins === '*' ? undefined : new Set(origins);
  // A listed origin is echoed, so a cache must key the answer on Origin (Fetch standard §3.2.5 CORS and HTTP caches).
  const varies = allowed !== undefined;
  const allowOrigin = (origin: string | undefined): string | undefined =>
    allowed === undefined ? '*' : origin !== undefined && allowed.has(origin) ? origin : undefined;

  return async function edgeflagCors(c, next) {
    const requestOrigin = c.req.header('origin');
    const origin = allowOrigin(requestOrigin);
    if (c.req.method === 'OPTIONS') {
      const headers = new Headers();
      if (origin !== undefined) headers.set('Access-Control-Allow-Origin', origin);
      headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
      if (varies) headers.append('Vary', 'Origin');
      headers.set('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS);
      headers.set('Access-Control-Allow-Methods', ALLOWED_METHODS);
      headers.set('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      headers.append('Vary', 'Access-Control-Request-Headers');
      return new Response(null, { status: 204, statusText: 'No Content', headers });
    }
    // Only a browser's cross-origin request carries Origin (Fetch standard §3.1); server SDKs and
    // curl do not, and CORS headers on their answers would be bytes nobody reads. Every answer is
    // `no-store`, so no cache can hand an answer without them to a browser.
    if (requestOrigin !== undefined) {
      const headers = c.get('responseHeaders');
      if (origin !== undefined) headers['Access-Control-Allow-Origin'] = origin;
      headers['Access-Control-Expose-Headers'] = EXPOSED_HEADERS;
      if (varies) headers.Vary = 'Origin';
    }
    await next();
  };
}
