/**
 * Tester override tokens: a tester's signed, expiring permission to force variants of `overridable`
 * flags (design.md "Testing in production"). Web Crypto only, so the CLI signs with the same code the
 * Worker verifies with.
 *
 * Format: `base64url(JSON payload) "." base64url(HMAC-SHA256(secret, first part as ASCII))`
 * (base64url: RFC 4648 §5, no padding), payload `{ v: 1, flags: { key: variant }, exp, tester, tenant? }`
 * with `exp` in epoch seconds. Like a JWS compact serialization (RFC 7515 §7.1), without the header:
 * there is one algorithm, so there is no `alg` to confuse.
 *
 * @example
 * const verify = overrideVerifier(env.EDGEFLAG_OVERRIDE_SECRET);
 * const check = await verify(cookieValue, { tenant: 'acme' }, Date.now());
 * if (check.ok) evaluate(snapshot, key, context, { now, overrides: check.overrides });
 */
import { fromBase64Url, toBase64Url } from './base64.ts';
import { importSigningKey, utf8 } from './signing-key.ts';

/** The payload a token carries. */
export interface OverridePayload {
  readonly v: 1;
  /** Flag key to the variant to serve. */
  readonly flags: Readonly<Record<string, string>>;
  /** Epoch seconds after which the token is refused. */
  readonly exp: number;
  readonly tester: string;
  /** When set, the token applies only to requests whose context `tenant` is this. */
  readonly tenant?: string;
}

/** Why a token was ignored; health counts each. */
export type OverrideRejection = 'malformed' | 'forged' | 'expired' | 'out-of-scope';

export type OverrideCheck =
  | { readonly ok: true; readonly overrides: ReadonlyMap<string, string>; readonly payload: OverridePayload }
  /** `payload` is set for an authentic, unexpired token that is for another tenant. */
  | { readonly ok: false; readonly reason: OverrideRejection; readonly payload?: OverridePayload };

/** Verifies a token for a context at a time (see `overrideVerifier`). */
export type OverrideVerify = (token: string, context: { readonly tenant?: unknown }, now: number) => Promise<OverrideCheck>;

/** The cookie a tester's browser sends. */
export const OVERRIDE_COOKIE = 'edgeflag-override';
/** The header a tester's tools send. */
export const OVERRIDE_HEADER = 'x-edgeflag-override';

/** Far above any real token (a few flags): a longer one is refused before any crypto runs. */
const MAX_TOKEN_LENGTH = 4096;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Signs a payload into a token.
 *
 * @example await signOverrideToken({ v: 1, flags: { 'new-checkout': 'on' }, exp: 1767225600, tester: 'ana' }, secret)
 */
export async function signOverrideToken(payload: OverridePayload, secret: string): Promise<string> {
  const body = toBase64Url(utf8.encode(JSON.stringify(payload)));
  const key = await importSigningKey(secret, 'sign');
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8.encode(body)));
  return `${body}.${toBase64Url(signature)}`;
}

/**
 * A verifier for one secret (its key is imported once): checks the signature in constant time
 * (`crypto.subtle.verify` recomputes the MAC and compares inside the crypto library), then the
 * expiry, then the tenant scope against the request's context.
 *
 * @example const check = await overrideVerifier(secret)(token, context, Date.now());
 */
export function overrideVerifier(secret: string): OverrideVerify {
  let key: Promise<CryptoKey> | undefined;
  return async function verifyOverrideToken(token, context, now) {
    if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
    const [body, signature, extra] = token.split('.');
    if (body === undefined || signature === undefined || extra !== undefined || !BASE64URL.test(body) || !BASE64URL.test(signature)) {
      return { ok: false, reason: 'malformed' };
    }
    key ??= importSigningKey(secret, 'verify');
    const mac = fromBase64Url(signature);
    if (mac === undefined || !(await crypto.subtle.verify('HMAC', await key, mac, utf8.encode(body)))) return { ok: false, reason: 'forged' };
    const payload = parsePayload(body);
    if (payload === undefined) return { ok: false, reason: 'malformed' };
    if (payload.exp * 1000 <= now) return { ok: false, reason: 'expired' };
    if (payload.tenant !== undefined && context.tenant !== payload.tenant) return { ok: false, reason: 'out-of-scope', payload };
    return { ok: true, overrides: new Map(Object.entries(payload.flags)), payload };
  };
}

function parsePayload(body: string): OverridePayload | undefined {
  const bytes = fromBase64Url(body);
  if (bytes === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { v, flags, exp, tester, tenant } = value as Record<string, unknown>;
  if (v !== 1 || typeof exp !== 'number' || !Number.isFinite(exp) || typeof tester !== 'string') return undefined;
  if (tenant !== undefined && typeof tenant !== 'string') return undefined;
  if (typeof flags !== 'object' || flags === null || Array.isArray(flags)) return undefined;
  if (!Object.values(flags).every((variant) => typeof variant === 'string')) return undefined;
  const checked = flags as Record<string, string>;
  return tenant === undefined ? { v, flags: checked, exp, tester } : { v, flags: checked, exp, tester, tenant };
}
