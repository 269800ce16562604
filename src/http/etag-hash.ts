/**
 * MurmurHash3 x86_128 (Austin Appleby, public domain) of a string's UTF-16LE bytes, as 32 hex digits.
 *
 * Why not SHA-256 for the bulk ETag: the tag only has to tell one answer from another, and the
 * only one who gains from a collision is the caller who built it (the context and If-None-Match
 * are both theirs, so a crafted collision can only give them a stale answer of their own). 128 bits
 * of a well-mixed non-cryptographic hash make an accidental collision between two contexts
 * negligible (about 2^-64 after 2^32 distinct contexts of one caller), and it runs synchronously in
 * well under a microsecond, where `crypto.subtle.digest` costs a promise and a native call per request.
 * UTF-16 code units are hashed as they are, so no text is encoded first.
 *
 * @example murmur3Hex128('{"targetingKey":"u-1"}') // 32 lowercase hex digits
 */

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

const rotl = (x: number, r: number): number => (x << r) | (x >>> (32 - r));

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const hex = (h: number): string => (h >>> 0).toString(16).padStart(8, '0');

export function murmur3Hex128(text: string, seed = 0): string {
  const units = text.length;
  let h1 = seed | 0;
  let h2 = h1;
  let h3 = h1;
  let h4 = h1;
  const whole = units & ~7;
  let i = 0;
  // A 16-byte block is 8 code units; a 32-bit word is two of them, low unit first (little-endian).
  for (; i < whole; i += 8) {
    const k1 = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
    const k2 = text.charCodeAt(i + 2) | (text.charCodeAt(i + 3) << 16);
    const k3 = text.charCodeAt(i + 4) | (text.charCodeAt(i + 5) << 16);
    const k4 = text.charCodeAt(i + 6) | (text.charCodeAt(i + 7) << 16);
    h1 ^= Math.imul(rotl(Math.imul(k1, C1), 15), C2);
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
    h2 ^= Math.imul(rotl(Math.imul(k2, C2), 16), C3);
    h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
    h3 ^= Math.imul(rotl(Math.imul(k3, C3), 17), C4);
    h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
    h4 ^= Math.imul(rotl(Math.imul(k4, C4), 18), C1);
    h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
  }
  const rest = units - whole;
  const unit = (n: number): number => (rest > n ? text.charCodeAt(i + n) : 0);
  if (rest > 6) h4 ^= Math.imul(rotl(Math.imul(unit(6), C4), 18), C1);
  if (rest > 4) h3 ^= Math.imul(rotl(Math.imul(unit(4) | (unit(5) << 16), C3), 17), C4);
  if (rest > 2) h2 ^= Math.imul(rotl(Math.imul(unit(2) | (unit(3) << 16), C2), 16), C3);
  if (rest > 0) h1 ^= Math.imul(rotl(Math.imul(unit(0) | (unit(1) << 16), C1), 15), C2);

  const bytes = units * 2;
  h1 ^= bytes;
  h2 ^= bytes;
  h3 ^= bytes;
  h4 ^= bytes;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h3 = fmix(h3);
  h4 = fmix(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  return hex(h1) + hex(h2) + hex(h3) + hex(h4);
}
