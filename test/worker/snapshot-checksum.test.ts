import { describe, expect, it } from 'vitest';
import { canonicalJson, POINTER_KEY, snapshotChecksum, versionKey } from '../../src/store/index.ts';

describe('snapshot checksum (shared with edgeflag publish)', () => {
  it('is sha256 of the canonical JSON of { segments, flags }, whatever order the keys came in', async () => {
    const checksum = await snapshotChecksum({
      flags: { beta: { defaultVariant: 'off', client: true } },
      segments: { internal: { tenants: ['acme'] } },
    });
    // printf '%s' '{"flags":{"beta":{"client":true,"defaultVariant":"off"}},"segments":{"internal":{"tenants":["acme"]}}}' | sha256sum
    expect(checksum).toBe('sha256-0afc41a26c0dabca6f06cf7349da66efb7f62f8b8214085062b9fd8d6df986da');
  });

  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }, 2], e: { z: true, y: 'é"' } })).toBe(
      '{"a":[{"c":"x","d":null},2],"b":1,"e":{"y":"é\\"","z":true}}',
    );
  });

  it('writes a parsed __proto__ key as data and leaves every prototype alone', () => {
    const parsed = JSON.parse('{"__proto__":{"polluted":true},"a":1}') as unknown;
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"polluted":true},"a":1}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('drops what JSON cannot hold the way JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, Number.NaN], c: 1 })).toBe('{"b":[null,null],"c":1}');
  });
});

describe('KV key names', () => {
  it('pads versions to ten digits so KV lists them in order', () => {
    expect(POINTER_KEY).toBe('snapshot:current');
    expect(versionKey(12)).toBe('snapshot:v:0000000012');
    expect(versionKey(9_999_999_999)).toBe('snapshot:v:9999999999');
  });

  it.each([0, -1, 1.5, 10_000_000_000])('refuses version %s', (version) => {
    expect(() => versionKey(version)).toThrow(RangeError);
  });
});
