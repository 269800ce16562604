/**
 * `edgeflag/verify`: lets an origin check the flags the edge forwarded. Web Crypto only, so it runs
 * in Node 18+, Workers, Deno and Bun. HMAC checking is `crypto.subtle.verify`, which compares in
 * constant time (the MAC is recomputed and compared inside the crypto library, never with `===`).
 *
 * @example
 * import { edgeflagVerifier } from 'edgeflag/verify';
 * const verify = edgeflagVerifier({ secret: process.env.EDGEFLAG_SIGNING_SECRET, host: 'app.example.com' });
 * const result = await verify(request);
 * if (result.ok && result.flags['new-checkout'] === 'on') { ... }
 */
import { canonicalString } from './canonical-string.ts';
import { FLAG_HEADER } from './flag-header.ts';
import { parseFlagHeader } from './parse-flag-header.ts';
import { parseSignatureHeader, SIGNATURE_HEADER } from './signature-header.ts';
import { importSigningKey, secretProblem, utf8 } from './signing-key.ts';

export { FLAG_HEADER } from './flag-header.ts';
export { SIGNATURE_HEADER } from './signature-header.ts';

/** Signatures older than this are refused by default: long enough for a slow origin, short for a replay. */
export const DEFAULT_MAX_AGE_SECONDS = 60;
/** How far ahead of the origin's clock the edge's may run by default. */
export const DEFAULT_CLOCK_SKEW_SECONDS = 5;

export interface VerifyOptions {
  /** `EDGEFLAG_SIGNING_SECRET`; a list accepts any of them, for rotating the secret without downtime. */
  readonly secret: string | readonly string[];
  /** Refuse signatures older than this many seconds (default 60). */
  readonly maxAgeSeconds?: number;
  /** Accept timestamps up to this many seconds in the future (default 5). */
  readonly clockSkewSeconds?: number;
  /**
   * The public host the client addressed (`app.example.com`). Set it when the origin is reached
   * under another name than the public one (the Worker's EDGEFLAG_ORIGIN); by default the request's
   * own Host is used.
   */
  readonly host?: string;
  /** Epoch ms; defaults to `Date.now()`. */
  readonly now?: () => number;
}

/** A Fetch `Request`, or the parts of one from a Node server (`req.headers` of `http` or Express). */
export type SignedRequest =
  | Request
  | {
      readonly method: string;
      /** The request target (`req.url` / `req.originalUrl`): its query is ignored. */
      readonly path: string;
      readonly host?: string;
      readonly headers: Headers | Readonly<Record<string, string | readonly string[] | undefined>>;
    };

export type VerifyFailure =
  | 'missing-signature'
  | 'malformed-signature'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'malformed-flags'
  | 'missing-host';

export type VerifyResult =
  | {
      readonly ok: true;
      /** Flag key -> variant name (an object without a prototype). */
      readonly flags: Readonly<Record<string, string>>;
      /** The snapshot version the flags come from. */
      readonly version: number;
      /** When the edge signed, seconds since the epoch. */
      readonly timestamp: number;
    }
  | { readonly ok: false; readonly reason: VerifyFailure; readonly detail: string };

function header(headers: SignedRequest['headers'], name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Readonly<Record<string, string | readonly string[] | undefined>>)[name];
  // RFC 9110 §5.3: repeated field lines combine into one value joined by commas.
  return typeof value === 'string' ? value : value?.join(', ');
}

function requestParts(request: SignedRequest): { method: string; path: string; host: string | undefined; headers: SignedRequest['headers'] } {
  if (request instanceof Request) {
    const url = new URL(request.url);
    return { method: request.method, path: url.pathname, host: request.headers.get('host') ?? url.host, headers: request.headers };
  }
  return { method: request.method, path: request.path, host: request.host ?? header(request.headers, 'host'), headers: request.headers };
}

function fail(reason: VerifyFailure, detail: string): VerifyResult {
  return { ok: false, reason, detail };
}

function seconds(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`edgeflag verify: ${name} must be a number of seconds >= 0, got ${value}`);
  return value;
}

/**
 * Builds a verifier: the options are checked and the secrets imported once, then each call checks
 * one request's signature (method, host, path and flag header) and its age.
 *
 * @example const verify = edgeflagVerifier({ secret: env.EDGEFLAG_SIGNING_SECRET }); const result = await verify(c.req.raw);
 */
export function edgeflagVerifier(options: VerifyOptions): (request: SignedRequest) => Promise<VerifyResult> {
  const secrets = typeof options.secret === 'string' ? [options.secret] : [...options.secret];
  if (secrets.length === 0) throw new RangeError('edgeflag verify: pass the secret the edge signs with (EDGEFLAG_SIGNING_SECRET)');
  for (const secret of secrets) {
    const problem = secretProblem(secret);
    if (problem !== undefined) throw new RangeError(`edgeflag verify: ${problem}`);
  }
  const maxAge = seconds(options.maxAgeSeconds, DEFAULT_MAX_AGE_SECONDS, 'maxAgeSeconds');
  const skew = seconds(options.clockSkewSeconds, DEFAULT_CLOCK_SKEW_SECONDS, 'clockSkewSeconds');
  const now = options.now ?? Date.now;
  const keys = Promise.all(secrets.map((secret) => importSigningKey(secret, 'verify')));

  return async function verifyEdgeflag(request) {
    const parts = requestParts(request);
    const signatureText = header(parts.headers, SIGNATURE_HEADER);
    if (signatureText === undefined) return fail('missing-signature', `the request has no ${SIGNATURE_HEADER} header: it did not come through the edge`);
    const fields = parseSignatureHeader(signatureText);
    if (fields === undefined) return fail('malformed-signature', `${SIGNATURE_HEADER} is not "t=<seconds>, v=<version>, sig=:<base64>:"`);
    const host = options.host ?? parts.host;
    if (host === undefined) return fail('missing-host', 'the request has no Host header: pass the public host as the `host` option');
    const flagText = header(parts.headers, FLAG_HEADER) ?? '';
    const signed = utf8.encode(canonicalString({ ...fields, method: parts.method, host, path: parts.path, flags: flagText }));
    let authentic = false;
    for (const key of await keys) {
      // Every key is tried, so the time taken does not tell which one matched.
      authentic = (await crypto.subtle.verify('HMAC', key, fields.signature, signed)) || authentic;
    }
    if (!authentic) {
      return fail('bad-signature', 'the signature does not match: the flags, method, host or path were changed, or the secret differs');
    }
    const age = now() / 1000 - fields.timestamp;
    if (age > maxAge) return fail('expired', `the signature is ${Math.floor(age)} s old, more than the ${maxAge} s allowed`);
    if (-age > skew) return fail('not-yet-valid', `the signature is dated ${Math.ceil(-age)} s in the future: check the origin's clock`);
    const parsed = parseFlagHeader(flagText);
    if (!parsed.ok) return fail('malformed-flags', `${FLAG_HEADER} is signed but unreadable: ${parsed.problem}`);
    return { ok: true, flags: parsed.flags, version: fields.version, timestamp: fields.timestamp };
  };
}

/**
 * Verifies one request (imports the secret on every call: keep an `edgeflagVerifier` for many).
 *
 * @example const result = await verifyEdgeflag(request, { secret: process.env.EDGEFLAG_SIGNING_SECRET });
 */
export function verifyEdgeflag(request: SignedRequest, options: VerifyOptions): Promise<VerifyResult> {
  return edgeflagVerifier(options)(request);
}
