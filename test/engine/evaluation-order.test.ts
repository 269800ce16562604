import { describe, expect, it } from 'vitest';
import type { FlagDocument } from '../../src/engine/index.ts';
import { compile, evaluate, evaluateAll } from '../../src/engine/index.ts';
import { NOW } from './condition-harness.ts';

const document: FlagDocument = {
  segments: { internal: { tenants: ['acme-internal', 'qa'] } },
  flags: {
    'new-payments': { rules: [{ name: 'internal', when: [{ in_segment: 'internal' }], variant: 'on' }] },
    'new-checkout': {
      variants: { on: true, off: false },
      defaultVariant: 'off',
      overridable: true,
      targets: { on: { tenants: ['qa'], users: ['u-1'] }, off: { users: ['u-blocked'] } },
      prerequisites: [{ flag: 'new-payments', variants: ['on'] }],
      rules: [
        { name: 'blocked first', when: [{ attribute: 'country', op: 'in', values: ['XX'] }], variant: 'off' },
        { name: 'everyone internal', when: [{ in_segment: 'internal' }], variant: 'on' },
      ],
      metadata: { owner: 'payments' },
    },
    banner: {
      variants: { old: 'old', new: 'new' },
      defaultVariant: 'old',
      schedule: { from: '2026-06-01T00:00:00Z', until: '2026-07-01T00:00:00Z' },
      rules: [{ when: [], variant: 'new' }],
    },
    'dark-mode': { enabled: false, variants: { dark: 'dark', light: 'light' }, defaultVariant: 'dark', offVariant: 'light' },
    'static-limit': { variants: { low: 10, high: 100 }, defaultVariant: 'high' },
    rollout: { rules: [{ name: 'half', rollout: { variants: { on: 50, off: 50 } } }] },
    'tenant-rollout': { rules: [{ rollout: { variants: { on: 50, off: 50 }, by: 'tenant' } }] },
  },
};
const snapshot = compile(document);
const at = (key: string, context: Record<string, unknown>, options: object = {}) => evaluate(snapshot, key, context, { now: NOW, ...options });

describe('evaluation order and reasons', () => {
  it('serves FLAG_NOT_FOUND for an unknown flag', () => {
    expect(at('nope', {})).toMatchObject({ key: 'nope', reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' });
    expect(at('nope', {})).not.toHaveProperty('value');
  });

  it('serves STATIC for a flag without targets and rules', () => {
    expect(at('static-limit', {})).toEqual({ key: 'static-limit', value: 100, variant: 'high', reason: 'STATIC' });
  });

  it('serves DEFAULT when a flag has rules and none matched', () => {
    expect(at('new-payments', { tenant: 'globex' })).toMatchObject({ value: false, variant: 'off', reason: 'DEFAULT' });
  });

  it('serves offVariant with reason DISABLED when the flag is disabled', () => {
    expect(at('dark-mode', {})).toMatchObject({ value: 'light', variant: 'light', reason: 'DISABLED' });
  });

  it('serves offVariant with reason DISABLED when the flag is killed, whatever would match', () => {
    expect(at('new-checkout', { tenant: 'qa' }, { killed: new Set(['new-checkout']) })).toMatchObject({ variant: 'off', reason: 'DISABLED' });
  });

  it('a killed flag serves its `off` variant even when its defaultVariant is on and no offVariant is set', () => {
    const onByDefault = compile({ flags: { f: { defaultVariant: 'on' }, g: { variants: { a: 1, b: 2 }, defaultVariant: 'b' } } });
    expect(evaluate(onByDefault, 'f', {}, { now: NOW })).toMatchObject({ variant: 'on', reason: 'STATIC' });
    expect(evaluate(onByDefault, 'f', {}, { now: NOW, killed: new Set(['f']) })).toMatchObject({ variant: 'off', value: false, reason: 'DISABLED' });
    expect(evaluate(onByDefault, 'g', {}, { now: NOW, killed: new Set(['g']) })).toMatchObject({ variant: 'b', reason: 'DISABLED' });
  });

  it('a kill wins over a tester override', () => {
    const options = { killed: new Set(['new-checkout']), overrides: new Map([['new-checkout', 'on']]) };
    expect(at('new-checkout', { tenant: 'qa' }, options)).toMatchObject({ variant: 'off', reason: 'DISABLED' });
  });

  it('a tester override forces a variant of an overridable flag with reason OVERRIDE, before prerequisites and rules', () => {
    expect(at('new-checkout', { tenant: 'globex' }, { overrides: new Map([['new-checkout', 'on']]) })).toMatchObject({
      value: true,
      variant: 'on',
      reason: 'OVERRIDE',
    });
  });

  it('ignores an override of a flag that is not overridable, or of a variant the flag lacks', () => {
    expect(at('new-payments', { tenant: 'globex' }, { overrides: new Map([['new-payments', 'on']]) }).reason).toBe('DEFAULT');
    expect(at('new-checkout', { tenant: 'globex' }, { overrides: new Map([['new-checkout', 'nope']]) }).reason).toBe(
      'PREREQUISITE_FAILED',
    );
  });

  it('an override also reaches a disabled flag (testers see a dark feature)', () => {
    const disabled = compile({ flags: { f: { enabled: false, overridable: true } } });
    expect(evaluate(disabled, 'f', {}, { now: NOW, overrides: new Map([['f', 'on']]) })).toMatchObject({ variant: 'on', reason: 'OVERRIDE' });
  });

  it('serves offVariant with reason PREREQUISITE_FAILED when a prerequisite is not on a listed variant', () => {
    expect(at('new-checkout', { tenant: 'globex', targetingKey: 'u-1' })).toMatchObject({
      variant: 'off',
      reason: 'PREREQUISITE_FAILED',
      metadata: { owner: 'payments', prerequisite: 'new-payments' },
    });
  });

  it('checks targets before rules, in the order written', () => {
    // qa is internal, so the prerequisite holds; the target list answers before any rule.
    expect(at('new-checkout', { tenant: 'qa', country: 'XX' })).toMatchObject({ variant: 'on', reason: 'TARGETING_MATCH' });
    expect(at('new-checkout', { tenant: 'qa', targetingKey: 'u-blocked' })).toMatchObject({ variant: 'on', reason: 'TARGETING_MATCH' });
  });

  it('the first matching rule wins and its name is in the metadata', () => {
    expect(at('new-checkout', { tenant: 'acme-internal', country: 'XX' })).toMatchObject({
      variant: 'off',
      reason: 'TARGETING_MATCH',
      metadata: { owner: 'payments', rule: 'blocked first' },
    });
    expect(at('new-checkout', { tenant: 'acme-internal', country: 'DE' })).toMatchObject({
      variant: 'on',
      metadata: { owner: 'payments', rule: 'everyone internal' },
    });
  });

  it('serves the rollout bucket with reason SPLIT', () => {
    const result = at('rollout', { targetingKey: 'u-1' });
    expect(result.reason).toBe('SPLIT');
    expect(['on', 'off']).toContain(result.variant);
    expect(result.metadata).toEqual({ rule: 'half' });
  });

  it('serves defaultVariant with TARGETING_KEY_MISSING when the rollout attribute is missing or empty', () => {
    for (const context of [{}, { targetingKey: '' }, { targetingKey: { id: 1 } }]) {
      expect(at('rollout', context)).toMatchObject({ reason: 'ERROR', errorCode: 'TARGETING_KEY_MISSING', variant: 'off', value: false });
    }
  });

  it('rolls out by tenant so every user of a tenant gets the same variant', () => {
    const variants = new Set(['u-1', 'u-2', 'u-3', 'u-4', 'u-5'].map((user) => at('tenant-rollout', { tenant: 'acme', targetingKey: user }).variant));
    expect(variants.size).toBe(1);
  });

  it('serves INVALID_CONTEXT when the context is not an object', () => {
    for (const context of [null, [], 'text', 42]) {
      expect(evaluate(snapshot, 'static-limit', context as never, { now: NOW })).toMatchObject({ reason: 'ERROR', errorCode: 'INVALID_CONTEXT' });
    }
  });

  it('serves GENERAL instead of throwing when an unvalidated document loops through prerequisites', () => {
    const looping = compile({ flags: { a: { prerequisites: [{ flag: 'b', variants: ['on'] }] }, b: { prerequisites: [{ flag: 'a', variants: ['on'] }] } } });
    expect(evaluate(looping, 'a', {}, { now: NOW })).toMatchObject({ reason: 'ERROR', errorCode: 'GENERAL' });
  });
});

describe('schedules', () => {
  const banner = (iso: string) => evaluate(snapshot, 'banner', {}, { now: Date.parse(iso) });
  it('is off before `from`, on from `from` inclusive', () => {
    expect(banner('2026-05-31T23:59:59.999Z')).toMatchObject({ variant: 'old', reason: 'DISABLED' });
    expect(banner('2026-06-01T00:00:00.000Z')).toMatchObject({ variant: 'new', reason: 'TARGETING_MATCH' });
  });
  it('is off from `until`, exclusive', () => {
    expect(banner('2026-06-30T23:59:59.999Z')).toMatchObject({ variant: 'new' });
    expect(banner('2026-07-01T00:00:00.000Z')).toMatchObject({ variant: 'old', reason: 'DISABLED' });
  });
});

describe('prerequisite chains', () => {
  const chain = compile({
    flags: {
      a: { targets: { on: { tenants: ['t1', 't2'] } } },
      b: { prerequisites: [{ flag: 'a', variants: ['on'] }], targets: { on: { tenants: ['t1'] } } },
      c: { prerequisites: [{ flag: 'b', variants: ['on'] }], rules: [{ variant: 'on' }] },
    },
  });
  it('passes through every link of the chain', () => {
    expect(evaluate(chain, 'c', { tenant: 't1' }, { now: NOW })).toMatchObject({ variant: 'on', reason: 'TARGETING_MATCH' });
    expect(evaluate(chain, 'c', { tenant: 't2' }, { now: NOW })).toMatchObject({ variant: 'off', reason: 'PREREQUISITE_FAILED' });
  });
  it('fails when a link is killed', () => {
    expect(evaluate(chain, 'c', { tenant: 't1' }, { now: NOW, killed: new Set(['a']) }).reason).toBe('PREREQUISITE_FAILED');
  });
});

describe('bulk evaluation', () => {
  it('gives exactly what single evaluation gives, flag by flag, in document order', () => {
    for (const context of [{ tenant: 'qa' }, { tenant: 'globex', targetingKey: 'u-9', country: 'XX' }, {}]) {
      const bulk = evaluateAll(snapshot, context, { now: NOW });
      expect(bulk.map((result) => result.key)).toEqual(Object.keys(document.flags));
      expect(bulk).toEqual(bulk.map((result) => at(result.key, context)));
    }
  });
  it('answers tenant and user lists shared by many flags exactly as single evaluation does', () => {
    const lists = compile({
      flags: Object.fromEntries(
        Array.from({ length: 30 }, (_, i) => [
          `f${i}`,
          {
            rules: [
              { when: [{ attribute: 'tenant', op: i % 3 === 0 ? 'not_in' : 'in', values: [`t${i % 5}`, `t${(i + 1) % 5}`] }], variant: 'on' },
              { when: [{ attribute: 'plan', op: i % 2 === 0 ? 'eq' : 'neq', value: 'pro' }, { attribute: 'beta', op: 'eq', value: true }], variant: 'on' },
              { when: [{ attribute: 'groups', op: 'in', values: ['staff'], negate: i % 4 === 0 }], variant: 'on' },
            ],
          },
        ]),
      ),
    });
    const contexts = [
      { tenant: 't1', plan: 'pro', beta: true },
      { tenant: 't4', plan: 'free', beta: 'true' },
      { tenant: 't9', groups: ['staff', 'x'] },
      { groups: [] },
      { tenant: 'T1', plan: null },
    ];
    for (const context of contexts) {
      const bulk = evaluateAll(lists, context, { now: NOW });
      expect(bulk).toEqual(bulk.map((result) => evaluate(lists, result.key, context, { now: NOW })));
      expect(new Set(bulk.map((result) => result.variant)).size).toBeGreaterThan(context.tenant === undefined ? 0 : 1);
    }
  });

  it('evaluates only the flags asked for, such as the client flags', () => {
    const clientOnly = compile({ flags: { a: { client: true }, b: {}, c: { client: true } } });
    expect(evaluateAll(clientOnly, {}, { now: NOW }, clientOnly.clientFlags).map((r) => r.key)).toEqual(['a', 'c']);
  });
  it('hands out frozen results, so a caller cannot corrupt what the next caller gets', () => {
    const [first] = evaluateAll(snapshot, {}, { now: NOW });
    expect(Object.isFrozen(first)).toBe(true);
    const json = compile({ flags: { j: { variants: { a: { limits: { max: 1 } }, b: { limits: { max: 2 } } }, defaultVariant: 'a' } } });
    const value = evaluate(json, 'j', {}, { now: NOW }).value as { limits: { max: number } };
    expect(Object.isFrozen(value.limits)).toBe(true);
  });
});
