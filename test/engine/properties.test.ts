import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttributeCondition, CompiledSnapshot, EvaluationContext, EvaluationResult, Flag, FlagDocument, Operator, Rule } from '../../src/engine/index.ts';
import { BUCKET_COUNT, bucketOf, compile, evaluate, evaluateAll } from '../../src/engine/index.ts';
import { formatIssue, validateDocument } from '../../src/schema/index.ts';

// Runs in Node and in workerd: no Node APIs here.

const NOW = Date.parse('2026-06-01T00:00:00Z');

/** A literal for each operator, so every operator is compiled and reached. */
const LITERALS: Readonly<Record<Operator, Pick<AttributeCondition, 'value' | 'values'>>> = {
  in: { values: ['x', 'Y', 7] },
  not_in: { values: ['x', 7] },
  eq: { value: 'x' },
  neq: { value: 7 },
  starts_with: { values: ['a', 'B'] },
  ends_with: { value: '@example.com' },
  contains: { value: 'mid' },
  matches: { value: '^a.*z$' },
  lt: { value: 10 },
  lte: { values: [10, 20.5] },
  gt: { value: -3 },
  gte: { value: 0 },
  semver_eq: { value: '1.2.3' },
  semver_lt: { value: '2.0.0-rc.1' },
  semver_lte: { value: '2.0.0' },
  semver_gt: { values: ['1.0.0', '3.1.4'] },
  semver_gte: { value: '0.9.0' },
  before: { value: '2026-01-01T00:00:00Z' },
  after: { value: '2025-01-01T12:00:00+02:00' },
  in_cidr: { values: ['10.0.0.0/8', '2001:db8::/32', '192.168.1.7'] },
  exists: {},
  not_exists: {},
};

/** Attribute paths the fuzzed contexts fill, including names every plain object inherits. */
const ATTRIBUTES = ['a', 'nested.b', 'constructor', 'toString', '__proto__.polluted', 'targetingKey', 'tenant'];

/** Operators that take ignoreCase (the flag file rejects it elsewhere). */
const CASE_FOLDING: ReadonlySet<Operator> = new Set(['in', 'not_in', 'eq', 'neq', 'starts_with', 'ends_with', 'contains', 'matches']);

/** A flag per operator and attribute: the condition serves on, its negation (folding case where it can) off. */
function operatorFlags(op: Operator): [string, Flag][] {
  return ATTRIBUTES.map((attribute) => {
    const condition: AttributeCondition = { attribute, op, ...LITERALS[op] };
    const inverted: AttributeCondition = CASE_FOLDING.has(op) ? { ...condition, negate: true, ignoreCase: true } : { ...condition, negate: true };
    const rules: Rule[] = [
      { name: `${attribute} ${op}`, when: [condition], variant: 'on' },
      { name: `${attribute} not ${op}`, when: [inverted], variant: 'off' },
    ];
    return [`op-${op}-${attribute}`, { defaultVariant: 'off', rules }];
  });
}

/** Every operator on every attribute, plus every other construct evaluation has. */
const EVERYTHING: FlagDocument = {
  segments: {
    staff: { tenants: ['acme'], users: ['u-1'], when: [{ attribute: 'a', op: 'ends_with', value: '@example.com' }] },
    versioned: { users: ['u-3'], when: [{ attribute: 'nested.b', op: 'semver_gte', value: '1.0.0' }] },
  },
  flags: {
    ...Object.fromEntries((Object.keys(LITERALS) as Operator[]).flatMap(operatorFlags)),
    segmented: { rules: [{ when: [{ in_segment: 'staff' }], variant: 'on' }, { when: [{ in_segment: 'versioned' }, { not_in_segment: 'staff' }], variant: 'on' }] },
    targeted: { variants: { red: 'red', blue: 'blue' }, defaultVariant: 'red', overridable: true, targets: { blue: { tenants: ['acme'], users: ['u-2'] } } },
    numbers: { variants: { low: 1, high: 2.5 }, defaultVariant: 'low', rules: [{ rollout: { variants: { low: 33.333, high: 66.667 }, by: 'a' } }] },
    objects: { variants: { small: { size: 1 }, large: { size: 2, tags: ['x'] } }, defaultVariant: 'small', overridable: true, rules: [{ rollout: { variants: { small: 50, large: 50 }, by: 'tenant' } }] },
    rollout: { rules: [{ when: [{ attribute: 'a', op: 'exists' }], rollout: { variants: { on: 10, off: 90 } } }] },
    child: { prerequisites: [{ flag: 'rollout', variants: ['on'] }, { flag: 'segmented', variants: ['on'] }], rules: [{ variant: 'on' }] },
    scheduled: { schedule: { from: '2026-01-01T00:00:00Z', until: '2027-01-01T00:00:00Z' }, rules: [{ variant: 'on' }] },
    disabled: { enabled: false, offVariant: 'off', rules: [{ variant: 'on' }] },
    static: { variants: { only: 'only' }, defaultVariant: 'only' },
  },
};
const everything = compile(EVERYTHING);

const REASONS: readonly string[] = ['STATIC', 'DEFAULT', 'TARGETING_MATCH', 'SPLIT', 'DISABLED', 'OVERRIDE', 'PREREQUISITE_FAILED'];
const EXPECTED_ERRORS: readonly string[] = ['FLAG_NOT_FOUND', 'TARGETING_KEY_MISSING', 'INVALID_CONTEXT'];

/** What is wrong with a result's shape, or null. Plain checks: this runs for every flag of every generated context. */
function shapeProblem(snapshot: CompiledSnapshot, key: string, result: EvaluationResult): string | null {
  if (result.key !== key) return `key ${result.key}`;
  if (!Object.isFrozen(result)) return 'not frozen';
  const variants = snapshot.flag(key)?.variants ?? {};
  if (result.reason === 'ERROR') {
    // A GENERAL error would be a fault of the engine itself: a valid document must never cause one.
    if (!EXPECTED_ERRORS.includes(result.errorCode)) return `error ${result.errorCode}: ${result.errorDetails}`;
    if (typeof result.errorDetails !== 'string') return 'no errorDetails';
  } else {
    if (!REASONS.includes(result.reason)) return `reason ${result.reason}`;
    if (!Object.hasOwn(variants, result.variant)) return `variant ${result.variant}`;
  }
  if (result.variant !== undefined && JSON.stringify(result.value) !== JSON.stringify(variants[result.variant])) return `value of ${result.variant}`;
  return null;
}

function shapeProblems(snapshot: CompiledSnapshot, results: readonly EvaluationResult[], keys: readonly string[]): string[] {
  return results.flatMap((result, i) => {
    const problem = shapeProblem(snapshot, keys[i]!, result);
    return problem === null ? [] : [`${keys[i]}: ${problem}`];
  });
}

/** Keys a client may send: the attributes above, names on Object.prototype, and anything else. */
const contextKey = fc.oneof(
  fc.constantFrom('a', 'nested', 'targetingKey', 'tenant', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'),
  fc.string(),
);
const attributeValue = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom('x', 'Y', 'abz', 'u-1', 'acme', 'a@example.com', '1.2.3', 'v2.0.0', '2025-06-01T00:00:00Z', '10.1.2.3', '2001:db8::1', '12', ' 7 ', 'NaN'),
  fc.record({ b: fc.jsonValue({ maxDepth: 2 }), polluted: fc.jsonValue({ maxDepth: 1 }) }),
  fc.array(fc.constantFrom('x', 7, null, '1.2.3', ['nested']), { maxLength: 4 }),
);
/**
 * Contexts are parsed from JSON text, as the Worker parses a request body, so `__proto__`
 * arrives as an own property rather than changing the prototype.
 */
const jsonContext = fc
  .array(fc.tuple(contextKey, attributeValue), { maxLength: 8 })
  .map((entries) => JSON.parse(`{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(',')}}`) as EvaluationContext);
/** Deeply nested values, and contexts that are not objects at all. */
const oddContext = fc.oneof(
  fc.jsonValue({ maxDepth: 30 }),
  fc.letrec((tie) => ({ deep: fc.oneof({ depthSize: 'large' }, fc.jsonValue({ maxDepth: 1 }), fc.record({ nested: tie('deep'), a: tie('deep') })) })).deep,
) as fc.Arbitrary<EvaluationContext>;

/** Any time, kill set and tester overrides (including overrides of variants or flags that do not exist). */
const flagKeys = everything.flags.map((flag) => flag.key);
const evaluationOptions = fc.record({
  now: fc.oneof(fc.constant(NOW), fc.integer({ min: 0, max: 4_102_444_800_000 })),
  killed: fc.subarray(flagKeys, { maxLength: 3 }).map((keys) => new Set(keys)),
  overrides: fc
    .array(fc.tuple(fc.oneof(fc.constantFrom('targeted', 'objects', 'rollout'), fc.constantFrom(...flagKeys), fc.string()), fc.constantFrom('on', 'off', 'blue', 'large', 'nope')), {
      maxLength: 4,
    })
    .map((pairs) => new Map(pairs)),
});

describe('evaluation of any JSON context', () => {
  it('is checked against a valid flag file that uses every operator', () => {
    const validation = validateDocument(EVERYTHING);
    expect(validation.ok ? [] : validation.issues.map(formatIssue)).toEqual([]);
  });

  it('never throws and always answers with a well-formed result, for every flag', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.oneof(jsonContext, oddContext), evaluationOptions, (context, options) => {
        const all = evaluateAll(everything, context, options);
        expect(shapeProblems(everything, all, flagKeys)).toEqual([]);
        const one = flagKeys.map((key) => evaluate(everything, key, context, options));
        expect(shapeProblems(everything, one, flagKeys)).toEqual([]);
        for (const result of all) seen.add(result.reason === 'ERROR' ? result.errorCode : result.reason);
      }),
      { numRuns: 300 },
    );
    // The contexts reached every outcome, so the checks above were not vacuous.
    expect([...seen].sort()).toEqual([...REASONS, ...EXPECTED_ERRORS.slice(1)].sort());
  });

  it('reads only what the client sent, never what every object inherits (constructor, toString, __proto__)', () => {
    const withoutPrototype = (context: EvaluationContext) =>
      JSON.parse(JSON.stringify(context), (_key, value: unknown) =>
        typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.assign(Object.create(null), value) : value,
      ) as EvaluationContext;
    fc.assert(
      fc.property(jsonContext, (context) => {
        expect(evaluateAll(everything, withoutPrototype(context), { now: NOW })).toEqual(evaluateAll(everything, context, { now: NOW }));
      }),
      { numRuns: 200 },
    );
  });

  it('answers the same for the same input, one flag at a time or all at once, compiled once or twice', () => {
    const again = compile(EVERYTHING);
    fc.assert(
      fc.property(jsonContext, (context) => {
        const first = evaluateAll(everything, context, { now: NOW });
        expect(evaluateAll(everything, context, { now: NOW })).toEqual(first);
        expect(evaluateAll(again, context, { now: NOW })).toEqual(first);
        expect(everything.flags.map((flag) => evaluate(everything, flag.key, context, { now: NOW }))).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });
});

/** A string flag whose variants are named and valued after the rollout's weights. */
function rolloutFlag(weights: Record<string, number>, extra: Partial<Flag> = {}): Flag {
  const names = Object.keys(weights);
  return {
    variants: Object.fromEntries(names.map((name) => [name, name])),
    defaultVariant: names[0]!,
    rules: [{ rollout: { variants: weights } }],
    ...extra,
  };
}

function variantsFor(document: FlagDocument, flag: string, keys: readonly string[]): string[] {
  const snapshot = compile(document);
  return keys.map((key) => evaluate(snapshot, flag, { targetingKey: key }, { now: NOW }).variant ?? 'none');
}

function count(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/**
 * Shares are checked against the binomial distribution: with n keys and weight p a count has
 * standard deviation sqrt(n p (1 - p)); five of those (a false alarm about once in 1.7 million
 * runs) is the tolerance. The keys are a fixed random sample, so the test is reproducible.
 */
const KEYS = fc.sample(fc.uuid(), { numRuns: 20_000, seed: 20_260_601 });
function fiveSigma(n: number, p: number): number {
  return 5 * Math.sqrt(n * p * (1 - p));
}

/** Weights in thousandths of a percent (the resolution of a rollout) that sum to 100%. */
const thousandths = fc.integer({ min: 0, max: 100_000 });
const someKeys = fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 20, maxLength: 200 });

describe('rollouts', () => {
  it('serves a 10/90 split within five standard deviations of 10% and 90%', () => {
    const counts = count(variantsFor({ flags: { split: rolloutFlag({ ten: 10, ninety: 90 }) } }, 'split', KEYS));
    expect(Math.abs(counts.ten! - KEYS.length * 0.1)).toBeLessThan(fiveSigma(KEYS.length, 0.1));
    expect(counts.ten! + counts.ninety!).toBe(KEYS.length);
  });

  it('serves a 33.333/33.333/33.334 split within five standard deviations of a third each', () => {
    const weights = { a: 33.333, b: 33.333, c: 33.334 };
    const counts = count(variantsFor({ flags: { thirds: rolloutFlag(weights) } }, 'thirds', KEYS));
    for (const [name, weight] of Object.entries(weights)) {
      expect(Math.abs(counts[name]! - (KEYS.length * weight) / 100)).toBeLessThan(fiveSigma(KEYS.length, weight / 100));
    }
  });

  it('only moves contexts into the first variant when its weight rises', () => {
    fc.assert(
      fc.property(thousandths, thousandths, someKeys, (x, y, keys) => {
        const [low, high] = x <= y ? [x, y] : [y, x];
        const split = (first: number) => ({ flags: { grow: rolloutFlag({ first: first / 1000, second: (100_000 - first) / 1000 }) } });
        const before = variantsFor(split(low), 'grow', keys);
        const after = variantsFor(split(high), 'grow', keys);
        before.forEach((variant, i) => {
          if (variant === 'first') expect(after[i]).toBe('first');
        });
      }),
      { numRuns: 100 },
    );
  });

  it('moves contexts only from one variant to its neighbour when weight moves between those two', () => {
    const threeWays = fc.tuple(thousandths, thousandths).map(([x, y]) => [Math.min(x, y), Math.abs(x - y), 100_000 - Math.max(x, y)] as const);
    fc.assert(
      fc.property(threeWays, fc.integer({ min: 0, max: 1 }), fc.double({ min: 0, max: 1, noNaN: true }), someKeys, (weights, left, share, keys) => {
        const names = ['a', 'b', 'c'];
        const moved = Math.floor(weights[left]! * share);
        const shifted = [...weights];
        shifted[left]! -= moved;
        shifted[left + 1]! += moved;
        const split = (w: readonly number[]) => ({ flags: { three: rolloutFlag({ a: w[0]! / 1000, b: w[1]! / 1000, c: w[2]! / 1000 }) } });
        const before = variantsFor(split(weights), 'three', keys);
        const after = variantsFor(split(shifted), 'three', keys);
        before.forEach((variant, i) => {
          if (after[i] !== variant) expect([variant, after[i]]).toEqual([names[left], names[left + 1]]);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('keeps every user of a tenant in the same variant when rolling out by tenant', () => {
    const document = { flags: { tenants: rolloutFlag({ early: 50, late: 50 }, { rules: [{ rollout: { variants: { early: 50, late: 50 }, by: 'tenant' } }] }) } };
    const snapshot = compile(document);
    fc.assert(
      fc.property(fc.string(), someKeys, (tenant, users) => {
        const served = users.map((user) => evaluate(snapshot, 'tenants', { tenant, targetingKey: user }, { now: NOW }).variant);
        expect(new Set(served).size).toBe(1);
      }),
      { numRuns: 200 },
    );
    // ... and the tenants themselves are split, so the check above is not vacuous.
    const byTenant = count(KEYS.slice(0, 2_000).map((tenant) => evaluate(snapshot, 'tenants', { tenant, targetingKey: 'same-user' }, { now: NOW }).variant!));
    expect(Math.abs(byTenant.early! - 1_000)).toBeLessThan(fiveSigma(2_000, 0.5));
  });

  it('buckets two flags independently: the four joint outcomes of two 50/50 flags are a quarter each', () => {
    const document = { flags: { left: rolloutFlag({ on: 50, off: 50 }), right: rolloutFlag({ on: 50, off: 50 }) } };
    const left = variantsFor(document, 'left', KEYS);
    const right = variantsFor(document, 'right', KEYS);
    const cells = count(left.map((variant, i) => `${variant}/${right[i]}`));
    expect(Object.keys(cells).sort()).toEqual(['off/off', 'off/on', 'on/off', 'on/on']);
    for (const cell of Object.values(cells)) expect(Math.abs(cell - KEYS.length / 4)).toBeLessThan(fiveSigma(KEYS.length, 0.25));
  });

  it('gives flags that share a salt the same buckets, the ones bucketOf documents', () => {
    const weights = { on: 30, off: 70 };
    const document = {
      flags: {
        first: rolloutFlag(weights, { salt: 'checkout-2026' }),
        second: rolloutFlag(weights, { salt: 'checkout-2026' }),
        unsalted: rolloutFlag(weights),
      },
    };
    const keys = KEYS.slice(0, 5_000);
    const first = variantsFor(document, 'first', keys);
    expect(variantsFor(document, 'second', keys)).toEqual(first);
    expect(variantsFor(document, 'unsalted', keys)).not.toEqual(first);
    keys.forEach((key, i) => {
      const bucket = bucketOf('checkout-2026', key);
      expect(bucket).toBeGreaterThanOrEqual(0);
      expect(bucket).toBeLessThan(BUCKET_COUNT);
      expect(first[i]).toBe(bucket < 0.3 * BUCKET_COUNT ? 'on' : 'off');
    });
  });
});
