import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from './app-env.ts';
import { VERSION_HEADER } from './snapshot-middleware.ts';

/** Request headers the OFREP providers send: JSON bodies, ETag revalidation and the two key headers. */
const ALLOWED_HEADERS = ['Content-Type', 'If-None-Match', 'Authorization', 'X-API-Key'];

/** Response headers a page may read: the web provider revalidates with `ETag`. */
const EXPOSED_HEADERS = ['ETag', VERSION_HEADER];

/** Browsers cap this (Chromium at 2 hours); 10 minutes keeps preflights rare and a config change quick. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * CORS for the configured origins (`'*'` or exact origins), preflight included. Credentials are
 * never allowed: server keys travel in headers a page must set itself, never in cookies.
 * Returns undefined when no origin is configured, so no CORS header is ever sent.
 *
 * @example const middleware = corsFor(['https://app.example.com']);
 */
export function corsFor(origins: '*' | readonly string[]): MiddlewareHandler<AppEnv> | undefined {
  if (origins !== '*' && origins.length === 0) return undefined;
  const allowed = origins === '*' ? undefined : new Set(origins);
  return cors({
    origin: allowed === undefined ? '*' : (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
    allowHeaders: ALLOWED_HEADERS,
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    credentials: false,
  });
}
