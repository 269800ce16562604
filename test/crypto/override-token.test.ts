// Override tokens end to end through the engine: signed by the CLI's code, verified by the Worker's,
// and applied by evaluate exactly as the Worker applies them.
import { describe, expect, it } from 'vitest';
import type { FlagDocument } from '../../src/engine/index.ts';
import { compile, evaluate } from '../../src/engine/index.ts';
import type { OverridePayload } from '../../src/crypto/override-token.ts';
import { overrideVerifier, signOverrideToken } from '../../src/crypto/override-token.ts';

const SECRET = 'override-secret-for-tests-0123456789abcdef';
const NOW = Date.parse('2026-11-24T12:00:00Z');
const IN_AN_HOUR = NOW / 1000 + 3600;

const document: FlagDocument = {
  flags: {
    'new-checkout': { overridable: true, defaultVariant: 'off' },
    'pay-button': { variants: { control: 'Pay now', short: 'Pay' }, defaultVariant: 'control' },
  },
};
const snapshot = compile(document);
const verify = overrideVerifier(SECRET);

function payload(overrides: Partial<OverridePayload> = {}): OverridePayload {
  return { v: 1, flags: { 'new-checkout': 'on', 'pay-button': 'short' }, exp: IN_AN_HOUR, tester: 'ana', ...overrides };
}

describe('override tokens', () => {
  it('a valid token forces the variant of an overridable flag, with reason OVERRIDE', async () => {
    const check = await verify(await signOverrideToken(payload(), SECRET), {}, NOW);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.payload.tester).toBe('ana');
    expect(evaluate(snapshot, 'new-checkout', {}, { now: NOW, overrides: check.overrides })).toMatchObject({ variant: 'on', value: true, reason: 'OVERRIDE' });
  });

  it('a flag not marked overridable ignores the token', async () => {
    const check = await verify(await signOverrideToken(payload(), SECRET), {}, NOW);
    if (!check.ok) throw new Error(check.reason);
    expect(evaluate(snapshot, 'pay-button', {}, { now: NOW, overrides: check.overrides })).toMatchObject({ variant: 'control', reason: 'STATIC' });
  });

  it('a kill wins over a valid override', async () => {
    const check = await verify(await signOverrideToken(payload(), SECRET), {}, NOW);
    if (!check.ok) throw new Error(check.reason);
    const result = evaluate(snapshot, 'new-checkout', {}, { now: NOW, overrides: check.overrides, killed: new Set(['new-checkout']) });
    expect(result).toMatchObject({ variant: 'off', reason: 'DISABLED' });
  });

  it('is refused as expired from its exp second on, and accepted the millisecond before', async () => {
    const token = await signOverrideToken(payload({ exp: NOW / 1000 }), SECRET);
    expect(await verify(token, {}, NOW - 1)).toMatchObject({ ok: true });
    expect(await verify(token, {}, NOW)).toEqual({ ok: false, reason: 'expired' });
  });

  it('is refused as forged when signed with another secret or when its payload was edited', async () => {
    const other = await signOverrideToken(payload(), 'another-secret-of-enough-length-0123456789');
    expect(await verify(other, {}, NOW)).toEqual({ ok: false, reason: 'forged' });
    const [, signature] = (await signOverrideToken(payload(), SECRET)).split('.');
    const edited = Buffer.from(JSON.stringify(payload({ exp: IN_AN_HOUR + 86_400 * 365 }))).toString('base64url');
    expect(await verify(`${edited}.${signature}`, {}, NOW)).toEqual({ ok: false, reason: 'forged' });
  });

  it('with a tenant scope, applies to that tenant only', async () => {
    const token = await signOverrideToken(payload({ tenant: 'acme' }), SECRET);
    expect(await verify(token, { tenant: 'acme' }, NOW)).toMatchObject({ ok: true });
    // Authentic and current, so the payload is told (the override link sets such a token as a cookie).
    expect(await verify(token, { tenant: 'globex' }, NOW)).toEqual({ ok: false, reason: 'out-of-scope', payload: payload({ tenant: 'acme' }) });
    expect(await verify(token, {}, NOW)).toMatchObject({ ok: false, reason: 'out-of-scope' });
  });

  it('refuses text that is not a token as malformed, before any signature check', async () => {
    for (const text of ['', 'abc', 'a.b.c', 'not base64!.sig', 'x'.repeat(5000)]) {
      expect(await verify(text, {}, NOW)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('refuses a correctly signed payload of the wrong shape as malformed', async () => {
    const wrong = { ...payload(), v: 2 } as unknown as OverridePayload;
    expect(await verify(await signOverrideToken(wrong, SECRET), {}, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });
});
