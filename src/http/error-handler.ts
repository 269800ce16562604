import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './app-env.ts';
import { OfrepError } from './ofrep-error.ts';

/**
 * The app's one `onError`: an OfrepError becomes its OFREP error body; anything else (a bug) is
 * logged and answered with a GENERAL 500 that leaks nothing about the request or its keys.
 *
 * @example app.onError(ofrepErrorHandler);
 */
export const ofrepErrorHandler: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof OfrepError) return c.json(error.body(), error.status, error.headers);
  if (error instanceof HTTPException) {
    return c.json({ errorCode: 'GENERAL', errorDetails: error.message || 'request refused' }, error.status);
  }
  console.error('edgeflag: unexpected error', error);
  return c.json(
    { errorCode: 'GENERAL', errorDetails: 'edgeflag failed unexpectedly: see the Worker logs (wrangler tail)' },
    500,
  );
};

/**
 * Everything edgeflag serves is under /ofrep/v1/ and /_edgeflag/; other paths are not its own.
 *
 * @example app.notFound(notFound);
 */
export const notFound: NotFoundHandler<AppEnv> = (c) =>
  c.json({ errorCode: 'GENERAL', errorDetails: `edgeflag serves nothing at ${c.req.method} ${c.req.path}` }, 404);
