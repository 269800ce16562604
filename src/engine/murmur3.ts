/**
 * MurmurHash3 x86_32 (Austin Appleby, public domain) over the UTF-8 bytes of a string.
 * Hand-written because the hot path must hash without allocating (TextEncoder allocates) and the
 * npm implementations hash UTF-16 code units truncated to bytes, which is not the documented
 * MurmurHash3 of the text. Checked against published vectors in test/engine/murmur3.test.ts.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const utf8 = new TextEncoder();

function mixBlock(h: number, block: number): number {
  let k = Math.imul(block, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function mixTail(h: number, tail: number): number {
  let k = Math.imul(tail, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  return h ^ k;
}

/** The MurmurHash3 finaliser: full avalanche of a 32-bit state. */
function finalise(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** MurmurHash3 x86_32 of raw bytes. */
export function murmur3Bytes(bytes: Uint8Array, seed: number): number {
  let h = seed | 0;
  const whole = bytes.length & ~3;
  for (let i = 0; i < whole; i += 4) {
    h = mixBlock(h, bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
  }
  const rest = bytes.length & 3;
  if (rest > 0) {
    let tail = 0;
    for (let j = rest - 1; j >= 0; j--) tail = (tail << 8) | bytes[whole + j]!;
    h = mixTail(h, tail);
  }
  return finalise(h, bytes.length);
}

/** MurmurHash3 x86_32 of a string's UTF-8 bytes; ASCII (the usual key) is hashed without allocating. */
export function murmur3(text: string, seed: number): number {
  const length = text.length;
  let h = seed | 0;
  let i = 0;
  const whole = length & ~3;
  for (; i < whole; i += 4) {
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1);
    const c = text.charCodeAt(i + 2);
    const d = text.charCodeAt(i + 3);
    if ((a | b | c | d) > 0x7f) return murmur3Bytes(utf8.encode(text), seed);
    h = mixBlock(h, a | (b << 8) | (c << 16) | (d << 24));
  }
  let tail = 0;
  for (let j = length - 1; j >= i; j--) {
    const c = text.charCodeAt(j);
    if (c > 0x7f) return murmur3Bytes(utf8.encode(text), seed);
    tail = (tail << 8) | c;
  }
  if (length > i) h = mixTail(h, tail);
  return finalise(h, length);
}

/** MurmurHash3 x86_32 of one 32-bit word (4 little-endian bytes). */
export function murmur3Word(word: number, seed: number): number {
  return finalise(mixBlock(seed | 0, word | 0), 4);
}
