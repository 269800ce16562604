import { Hono } from 'hono';
import type { TesterOverrides } from '../crypto/override-request.ts';
import { evaluate, evaluateAll } from '../engine/index.ts';
import { addEdgeAttributes } from '../middleware/edge-attributes.ts';
import type { AppEnv } from './app-env.ts';
import type { Audience } from './bulk-etag.ts';
import { bulkEtag } from './bulk-etag.ts';
import { readEvaluationContext } from './evaluation-request.ts';
import { HeaderSets } from './header-sets.ts';
import { ifNoneMatchMatches } from './if-none-match.ts';
import { OfrepError, statusOfEvaluationError } from './ofrep-error.ts';
import { bulkJson, resultJson } from './result-json.ts';
import type { ServerKeys } from './server-keys.ts';

/** Evaluations depend on the caller (context, key): no shared cache may keep or reuse them. */
export const EVALUATION_HEADERS = Object.freeze({ 'Cache-Control': 'private, no-store' });

/**
 * A 200's headers; the body is JSON text built here, so the route builds its Response itself, with
 * the middleware's `responseHeaders` (one Response and one header list, not hono's copies; for a
 * single flag, a Headers from HeaderSets).
 */
const JSON_EVALUATION_HEADERS = Object.freeze({ 'Content-Type': 'application/json', ...EVALUATION_HEADERS });

const SINGLE = '/ofrep/v1/evaluate/flags/:key';
const BULK = '/ofrep/v1/evaluate/flags';

const KEY_HINT = 'send a server key as "Authorization: Bearer <key>" or "X-API-Key: <key>"';

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
 * @example app.route('/', ofrepRoutes({ keys, clock: Date.now, overrides }));
 */
export function ofrepRoutes(deps: { readonly keys: ServerKeys; readonly clock: () => number; readonly overrides: TesterOverrides }): Hono<AppEnv> {
  const { keys, clock, overrides } = deps;
  const routes = new Hono<AppEnv>();
  const singleHeaders = new HeaderSets(JSON_EVALUATION_HEADERS);

  routes.post(SINGLE, async (c) => {
    const key = c.req.param('key');
    const access = keys.access(c.req.raw.headers);
    if (access === 'denied') throw forbidden(key);
    const context = addEdgeAttributes(await readEvaluationContext(c.req.raw, key), c.req.raw);
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
    const now = clock();
    // Nearly every request carries no override token: then no promise is awaited.
    let forced = overrides.read(c.req.raw.headers, context, now);
    if (forced instanceof Promise) forced = await forced;
    const result = evaluate(loaded.snapshot, key, context, { now, killed: loaded.killed, overrides: forced });
    if (result.reason === 'ERROR') {
      throw new OfrepError(statusOfEvaluationError(result.errorCode), result.errorCode, result.errorDetails, {
        key,
        headers: EVALUATION_HEADERS,
      });
    }
    c.set('headersWritten', true);
    return new Response(resultJson(result), { status: 200, headers: singleHeaders.of(c.get('responseHeaders')) });
  });

  routes.post(BULK, async (c) => {
    const access = keys.access(c.req.raw.headers);
    if (access === 'denied') throw forbidden();
    const context = addEdgeAttributes(await readEvaluationContext(c.req.raw), c.req.raw);
    const loaded = c.get('snapshot');
    const audience: Audience = access === 'server' ? 'all' : 'client';
    const now = clock();
    let forced = overrides.read(c.req.raw.headers, context, now);
    if (forced instanceof Promise) forced = await forced;
    const etag = bulkEtag(loaded, audience, context, now, forced);
    // RFC 9110 §15.4.5: a 304 carries the ETag and Cache-Control a 200 would have, and no body.
    c.set('headersWritten', true);
    if (ifNoneMatchMatches(c.req.header('if-none-match'), etag)) {
      return new Response(null, { status: 304, headers: { ...EVALUATION_HEADERS, ...c.get('responseHeaders'), ETag: etag } });
    }
    const headers = { ...JSON_EVALUATION_HEADERS, ...c.get('responseHeaders'), ETag: etag };
    if (loaded === undefined) return new Response('{"flags":[]}', { status: 200, headers });
    const flags = audience === 'all' ? loaded.snapshot.flags : loaded.snapshot.clientFlags;
    return new Response(bulkJson(evaluateAll(loaded.snapshot, context, { now, killed: loaded.killed, overrides: forced }, flags)), { status: 200, headers });
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
