/**
 * RFC 2104 §3: an HMAC key shorter than the hash output (32 bytes for SHA-256) weakens it; longer
 * random keys add nothing. `openssl rand -base64 32` prints a 44-character secret.
 */
export const MIN_SECRET_LENGTH = 32;

const encoder = new TextEncoder();

/** Why a signing secret cannot be used, naming the fix; undefined when it can. The secret is never echoed. */
export function secretProblem(secret: unknown, name = 'EDGEFLAG_SIGNING_SECRET'): string | undefined {
  if (typeof secret !== 'string' || secret === '') {
    return `${name} is not set: generate one with \`openssl rand -base64 32\` and set it with \`wrangler secret put ${name}\``;
  }
  if (encoder.encode(secret).length < MIN_SECRET_LENGTH) {
    return `${name} is shorter than ${MIN_SECRET_LENGTH} bytes: generate a longer one with \`openssl rand -base64 32\``;
  }
  return undefined;
}

/**
 * Imports a signing secret (its UTF-8 bytes) as an HMAC-SHA256 key for Web Crypto, for signing or
 * for verifying only, never exportable.
 *
 * @example const key = await importSigningKey(secret, 'verify');
 */
export function importSigningKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

export { encoder as utf8 };
