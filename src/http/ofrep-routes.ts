import { Hono } from 'hono';
import type { ErrorResult, EvaluationResult } from '../engine/index.ts';
import { evaluate, evaluateAll } from '../engine/index.ts';
import type { AppEnv } from './app-env.ts';
import type { Audience } from './bulk-etag.ts';
import { bulkEtag } from './bulk-etag.ts';
import { readEvaluationContext } from './evaluation-request.ts';
import { ifNoneMatchMatches } from './if-none-match.ts';
import { OfrepError, statusOfEvaluationError } from './ofrep-error.ts';
import type { ServerKeys } from './server-keys.ts';

/** Evaluations depend on the caller (context, key): no shared cache may keep or reuse them. */
export const EVALUATION_HEADERS = Object.freeze({ 'Cache-Control': 'private, no-store' });

const SINGLE = '/ofrep/v1/evaluate/flags/:key';
const BULK = '/ofrep/v1/evaluate/flags';

const KEY_HINT = 'send a server key as "Authorization: Bearer <key>" or "X-API-Key: <key>"';

/** A bulk entry for an error: OFREP's evaluationFailure (key, errorCode, errorDetails), without a value. */
function bulkEntry(result: EvaluationResult): EvaluationResult | Omit<ErrorResult, 'reason' | 'value' | 'variant'> {
  if (result.reason !== 'ERROR') return result;
  const { key, errorCode, errorDetails, metadata } = result;
  return metadata === undefined ? { key, errorCode, errorDetails } : { key, errorCode, errorDetails, metadata };
}

function forbidden(key?: string): OfrepError {
  return new OfrepError(403, 'GENERAL', `the server key sent is not one of EDGEFLAG_SERVER_KEYS: ${KEY_HINT} with a configured key`, {
    key,
    headers: EVALUATION_HEADERS,
  });
}

/**
 * OFREP's two evaluation endpoints (open-feature/protocol service/openapi.yaml 0.3.0). `client: true`
 * flags are public; every other flag needs a server key: 401 without one, 403 with a wrong one.
 *
 * @example app.route('/', ofrepRoutes({ keys, clock: Date.now }));
 */
export function ofrepRoutes(deps: { readonly keys: ServerKeys; readonly clock: () => number }): Hono<AppEnv> {
  const { keys, clock } = deps;
  const routes = new Hono<AppEnv>();

  routes.post(SINGLE, async (c) => {
    const key = c.req.param('key');
    const access = await keys.access(c.req.raw.headers);
    if (access === 'denied') throw forbidden(key);
    const context = await readEvaluationContext(c.req.raw, key);
    const loaded = c.get('snapshot');
    const flag = loaded?.snapshot.flag(key);
    if (loaded === undefined || flag === undefined) {
      const where = loaded === undefined ? 'nothing is published yet (run edgeflag publish)' : `it is not in snapshot version ${loaded.version}`;
      throw new OfrepError(404, 'FLAG_NOT_FOUND', `flag "${key}" was not found: ${where}`, { key, headers: EVALUATION_HEADERS });
    }
    if (!flag.client && access !== 'server') {
      throw new OfrepError(401, 'GENERAL', `flag "${key}" is not a client flag: ${KEY_HINT}`, {
        key,
        // RFC 9110 §15.5.2: a 401 names the scheme to use.
        headers: { ...EVALUATION_HEADERS, 'WWW-Authenticate': 'Bearer realm="edgeflag"' },
      });
    }
    const result = evaluate(loaded.snapshot, key, context, { now: clock() });
    if (result.reason === 'ERROR') {
      throw new OfrepError(statusOfEvaluationError(result.errorCode), result.errorCode, result.errorDetails, {
        key,
        headers: EVALUATION_HEADERS,
      });
    }
    return c.json(result, 200, EVALUATION_HEADERS);
  });

  routes.post(BULK, async (c) => {
    const access = await keys.access(c.req.raw.headers);
    if (access === 'denied') throw forbidden();
    const context = await readEvaluationContext(c.req.raw);
    const loaded = c.get('snapshot');
    const audience: Audience = access === 'server' ? 'all' : 'client';
    const now = clock();
    const etag = await bulkEtag(loaded, audience, context, now);
    const headers = { ...EVALUATION_HEADERS, ETag: etag };
    // RFC 9110 §15.4.5: a 304 carries the ETag and Cache-Control a 200 would have, and no body.
    if (ifNoneMatchMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
    if (loaded === undefined) return c.json({ flags: [] }, 200, headers);
    const flags = audience === 'all' ? loaded.snapshot.flags : loaded.snapshot.clientFlags;
    const results = evaluateAll(loaded.snapshot, context, { now }, flags);
    return c.json({ flags: results.map(bulkEntry) }, 200, headers);
  });

  for (const path of [SINGLE, BULK]) {
    routes.all(path, (c) => {
      throw new OfrepError(405, 'GENERAL', `${c.req.method} is not allowed here: OFREP evaluations are POST requests`, {
        headers: { Allow: 'POST' },
      });
    });
  }
  return routes;
}
