import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFlagKey, encodeFlagKey, encodeVariant, flagMember } from '../../src/crypto/flag-header.ts';
import { parseFlagHeader } from '../../src/crypto/parse-flag-header.ts';

// RFC 9651 §3.1.2 sf-key and §3.3.4 sf-token.
const SF_KEY = /^[a-z*][a-z0-9_\-.*]*$/;
const SF_TOKEN = /^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*$/;

const flagKey = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/);

describe('flag keys in the x-edgeflag dictionary', () => {
  it.each([
    ['new-checkout', 'new-checkout'],
    ['newCheckout', 'new*checkout'],
    ['NUX', '*n*u*x'],
    ['2fa-login', '*2fa-login'],
    ['v2.ui_theme', 'v2.ui_theme'],
  ])('writes %s as the sf-key %s', (key, encoded) => {
    expect(encodeFlagKey(key)).toBe(encoded);
    expect(decodeFlagKey(encoded)).toBe(key);
  });

  it('turns every flag key into a valid sf-key and back, and no two keys into the same one', () => {
    fc.assert(
      fc.property(flagKey, flagKey, (a, b) => {
        expect(encodeFlagKey(a)).toMatch(SF_KEY);
        expect(decodeFlagKey(encodeFlagKey(a))).toBe(a);
        if (a !== b) expect(encodeFlagKey(a)).not.toBe(encodeFlagKey(b));
      }),
    );
  });

  it.each(['*', 'a*', '*-x', 'a*1', '-x', 'a**b'])('refuses %s, which no flag key encodes to', (sfKey) => {
    expect(decodeFlagKey(sfKey)).toBeUndefined();
  });
});

describe('variant names in the x-edgeflag dictionary', () => {
  it('writes a name starting with a letter as an sf-token and one starting with a digit as an sf-string', () => {
    expect(encodeVariant('on')).toBe('on');
    expect(encodeVariant('Dark.v2')).toBe('Dark.v2');
    expect(encodeVariant('10')).toBe('"10"');
    expect(flagMember('maxItems', '50')).toBe('max*items="50"');
  });

  it('writes every variant name as a valid sf-token or sf-string', () => {
    fc.assert(
      fc.property(flagKey, (variant) => {
        const encoded = encodeVariant(variant);
        expect(SF_TOKEN.test(encoded) || /^"[\x20-\x7e]*"$/.test(encoded)).toBe(true);
      }),
    );
  });
});

describe('reading an x-edgeflag header', () => {
  it('reads back what the edge writes, whatever the keys and variants', () => {
    fc.assert(
      fc.property(fc.dictionary(flagKey, flagKey, { maxKeys: 8 }), (flags) => {
        const header = Object.entries(flags).map(([key, variant]) => flagMember(key, variant)).join(', ');
        const parsed = parseFlagHeader(header);
        expect(parsed.ok && { ...parsed.flags }).toEqual(flags);
      }),
    );
  });

  it('accepts the optional whitespace RFC 9651 allows around commas, and the empty header', () => {
    const parsed = parseFlagHeader('  a=on,\tb="2" ,c=off');
    expect(parsed.ok && { ...parsed.flags }).toEqual({ a: 'on', b: '2', c: 'off' });
    expect(parseFlagHeader('')).toEqual({ ok: true, flags: {} });
  });

  it('keeps the last value of a repeated key (RFC 9651 §4.2.2)', () => {
    const parsed = parseFlagHeader('a=on, a=off');
    expect(parsed.ok && parsed.flags.a).toBe('off');
  });

  it('gives a flag called "constructor" or "toString" no inherited value', () => {
    const parsed = parseFlagHeader('a=on');
    expect(parsed.ok && parsed.flags.constructor).toBeUndefined();
    expect(parsed.ok && parsed.flags.toString).toBeUndefined();
  });

  it.each([
    ['a bare key (an sf-boolean)', 'a'],
    ['parameters', 'a=on;q=1'],
    ['an integer', 'a=1'],
    ['an inner list', 'a=(on off)'],
    ['an uppercase key', 'A=on'],
    ['a trailing comma', 'a=on,'],
    ['a missing comma', 'a=on b=off'],
    ['an unclosed string', 'a="on'],
    ['a bad escape', 'a="o\\n"'],
  ])('refuses %s', (_, header) => {
    expect(parseFlagHeader(header).ok).toBe(false);
  });
});
