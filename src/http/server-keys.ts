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

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/**
 * Compares two SHA-256 digests in time that does not depend on where they differ. Hashing first
 * makes both inputs 32 bytes, so neither the comparison nor an early length check reveals the
 * length or a prefix of a key (the approach of Cloudflare's "timing attacks" guidance and hono's
 * bearer-auth). workerd's `crypto.subtle.timingSafeEqual` is used where it exists.
 */
function sameDigest(a: Uint8Array, b: Uint8Array): boolean {
  const subtle = crypto.subtle as SubtleCrypto & { timingSafeEqual?: (x: ArrayBufferView, y: ArrayBufferView) => boolean };
  if (typeof subtle.timingSafeEqual === 'function') return subtle.timingSafeEqual(a, b);
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ (b[i] ?? 0);
  return difference === 0;
}

/**
 * The server keys from `EDGEFLAG_SERVER_KEYS`, kept only as SHA-256 digests. Keys are never logged
 * and never appear in a response.
 *
 * @example
 * const keys = new ServerKeys(['k-live-1', 'k-live-2']);
 * await keys.access(request.headers); // 'server' | 'public' | 'denied'
 */
export class ServerKeys {
  readonly #digests: Promise<readonly Uint8Array[]>;
  readonly count: number;

  constructor(keys: readonly string[]) {
    this.count = keys.length;
    this.#digests = Promise.all(keys.map(sha256));
  }

  async access(headers: Headers): Promise<Access> {
    const key = presentedKey(headers);
    if (key === undefined) return 'public';
    const [digest, digests] = await Promise.all([sha256(key), this.#digests]);
    // Every configured key is compared, so the time taken does not tell which one (if any) matched.
    let matched = false;
    for (const known of digests) matched = sameDigest(digest, known) || matched;
    return matched ? 'server' : 'denied';
  }
}
