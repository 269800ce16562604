import { describe, expect, it } from 'vitest';
import { murmur3, murmur3Bytes, murmur3Word } from '../../src/engine/murmur3.ts';

describe('murmur3 x86_32', () => {
  // Published reference values of MurmurHash3_x86_32 (SMHasher).
  it.each([
    ['', 0, 0x00000000],
    ['', 1, 0x514e28b7],
    ['hello', 0, 0x248bfa47],
    ['Hello, world!', 1234, 0xfaf6cdb3],
    ['The quick brown fox jumps over the lazy dog', 0, 0x2e4ff723],
    ['aaaa', 0x9747b28c, 0x5a97808a],
    ['abc', 0, 0xb3dd93fa],
  ])('hashes %j with seed %i to the published value', (text, seed, expected) => {
    expect(murmur3(text, seed)).toBe(expected);
  });

  it('hashes non-ASCII text as its UTF-8 bytes', () => {
    for (const text of ['héllo wörld', 'ü', '日本語のキー', 'emoji 🚀 key', 'a\u0000b']) {
      expect(murmur3(text, 7)).toBe(murmur3Bytes(new TextEncoder().encode(text), 7));
    }
  });

  it('hashes a 32-bit word as its four little-endian bytes', () => {
    for (const word of [0, 1, 0xdeadbeef, 0xffffffff, 123456789]) {
      const bytes = new Uint8Array(new Uint32Array([word]).buffer);
      expect(murmur3Word(word, 99)).toBe(murmur3Bytes(bytes, 99));
    }
  });
});
