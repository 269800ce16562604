/** What a request may see: `server` (a valid server key), `public` (no key), `denied` (a wrong key). */
export type Access = 'public' | 'server' | 'denied';

// RFC 6750 §2.1: `Authorization: Bearer <token>`; the scheme is case-insensitive (RFC 9110 §11.1).
const BEARER = /^bearer[ \t]+([^\s]+)[ \t]*$/i;

/**
 * The key a request presents: a Bearer token, else `X-API-Key` (the two ways OFREP's OpenAPI
 * document allows). An Authorization header with another scheme (a proxy's Basic auth) is not ours.
 */
export function presentedKey(headers: Headers): string | undefined {
  const authorization = headers.get('authorization');
  const bearer = authorization === null ? null : BEARER.exec(authorization.trim());
  if (bearer !== null) return bearer[1];
  const apiKey = headers.get('x-api-key')?.trim();
  return apiKey === undefined || apiKey === '' ? undefined : apiKey;
}

/**
 * Whether `presented` equals `known`, in time that depends only on `known`'s length: every code
 * unit of the configured key is compared, whatever the presented one holds, and a length
 * mismatch is folded in instead of returning early. So timing tells nothing about a key's content
 * (its length is no secret: keys are `openssl rand -base64 32`, 44 characters). This replaces a
 * SHA-256 of both keys per request, which cost about a tenth of a single evaluation's CPU in
 * workerd (README, Benchmarks, HTTP).
 */
function sameKey(presented: string, known: string): boolean {
  const length = presented.length;
  let difference = length ^ known.length;
  for (let i = 0; i < known.length; i++) {
    // Past its end the presented key is read from its start, so every step does the same work.
    difference |= known.charCodeAt(i) ^ (length === 0 ? 0 : presented.charCodeAt(i % length));
  }
  return difference === 0;
}

/**
 * The server keys from `EDGEFLAG_SERVER_KEYS`. Keys are never logged and never appear in a
 * response; a presented key is compared with every configured one in constant time.
 *
 * @example
 * const keys = new ServerKeys(['k-live-1', 'k-live-2']);
 * keys.access(request.headers); // 'server' | 'public' | 'denied'
 */
export class ServerKeys {
  readonly #keys: readonly string[];
  readonly count: number;

  constructor(keys: readonly string[]) {
    this.count = keys.length;
    this.#keys = [...keys];
  }

  access(headers: Headers): Access {
    const key = presentedKey(headers);
    if (key === undefined) return 'public';
    // Every configured key is compared, so the time taken does not tell which one (if any) matched.
    let matched = false;
    for (const known of this.#keys) matched = sameKey(key, known) || matched;
    return matched ? 'server' : 'denied';
  }
}
