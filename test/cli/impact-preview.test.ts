import { describe, expect, it } from 'vitest';
import type { EvaluationContext, FlagDocument } from '../../src/engine/index.ts';
import { bucketOf } from '../../src/engine/index.ts';
import { impactPreview, printImpact } from '../../src/cli/impact/impact-preview.ts';
import { validateDocument } from '../../src/schema/index.ts';

const NOW = Date.parse('2026-07-01T00:00:00Z');

/** 10 tenants with 100 users each: t0/u-0 … t9/u-999. */
const SAMPLE: EvaluationContext[] = Array.from({ length: 1000 }, (_, index) => ({ targetingKey: `u-${index}`, tenant: `t${Math.floor(index / 100)}` }));

interface Shape {
  readonly tenants: readonly string[];
  readonly weights: Readonly<Record<string, number>>;
  readonly salt?: string;
}

/** A valid document: `tenant-beta` serves on to a tenant list, `checkout` rolls out on by targetingKey. */
function documentOf(shape: Shape): FlagDocument {
  const validated = validateDocument({
    flags: {
      'tenant-beta': { defaultVariant: 'off', rules: [{ name: 'beta tenants', when: [{ attribute: 'tenant', op: 'in', values: shape.tenants }], variant: 'on' }] },
      checkout: { defaultVariant: 'off', ...(shape.salt === undefined ? {} : { salt: shape.salt }), rules: [{ name: 'gradual', rollout: { variants: shape.weights } }] },
      untouched: { defaultVariant: 'off' },
    },
  });
  if (!validated.ok) throw new Error(JSON.stringify(validated.issues));
  return validated.document;
}

const BEFORE = documentOf({ tenants: ['t0', 't1'], weights: { on: 10, off: 90 } });

/** Counted without the engine's evaluate: which sample contexts satisfy `changed`, and their tenants. */
function expected(changed: (bucket: number, context: EvaluationContext) => boolean, salt = 'checkout'): { contexts: number; tenants: number } {
  const hit = SAMPLE.filter((context) => changed(bucketOf(salt, String(context.targetingKey)), context));
  return { contexts: hit.length, tenants: new Set(hit.map((context) => context.tenant)).size };
}

describe('impact preview of a change on a sample of contexts', () => {
  it('counts the 200 contexts of the 2 tenants a tenant list gains, and no other flag', () => {
    const after = documentOf({ tenants: ['t0', 't1', 't2', 't3'], weights: { on: 10, off: 90 } });
    expect(impactPreview(BEFORE, after, SAMPLE, NOW)).toEqual([{ key: 'tenant-beta', contexts: 200, tenants: 2, rebucketed: 0 }]);
  });

  it('counts exactly the contexts whose bucket lies between 10% and 25% when a rollout grows, without a warning', () => {
    const after = documentOf({ tenants: ['t0', 't1'], weights: { on: 25, off: 75 } });
    const moved = expected((bucket) => bucket >= 10_000 && bucket < 25_000);
    expect(moved.contexts).toBeGreaterThan(100);
    expect(impactPreview(BEFORE, after, SAMPLE, NOW)).toEqual([{ key: 'checkout', ...moved, rebucketed: moved.contexts }]);
  });

  it('warns when a new salt re-buckets contexts that already had a variant, counting them', () => {
    const after = documentOf({ tenants: ['t0', 't1'], weights: { on: 10, off: 90 }, salt: 'checkout-v2' });
    const moved = expected((_bucket, context) => (bucketOf('checkout', String(context.targetingKey)) < 10_000) !== (bucketOf('checkout-v2', String(context.targetingKey)) < 10_000));
    expect(moved.contexts).toBeGreaterThan(100);
    expect(impactPreview(BEFORE, after, SAMPLE, NOW)).toEqual([
      { key: 'checkout', ...moved, rebucketed: moved.contexts, rebucketCause: 'its salt changed' },
    ]);
  });

  it('warns when a rollout lists its variants in another order, which moves contexts though no weight changed', () => {
    const after = documentOf({ tenants: ['t0', 't1'], weights: { off: 90, on: 10 } });
    const moved = expected((bucket) => bucket < 10_000 !== bucket >= 90_000);
    expect(impactPreview(BEFORE, after, SAMPLE, NOW)).toEqual([
      { key: 'checkout', ...moved, rebucketed: moved.contexts, rebucketCause: 'rule "gradual" lists its variants in another order' },
    ]);
  });

  it('reports nothing when the change moves no sample context', () => {
    expect(impactPreview(BEFORE, documentOf({ tenants: ['t0', 't1', 'elsewhere'], weights: { on: 10, off: 90 } }), SAMPLE, NOW)).toEqual([]);
  });

  it('prints one line per flag in words, and the re-bucketing warning on stderr', () => {
    const out: string[] = [];
    const err: string[] = [];
    printImpact(
      [
        { key: 'tenant-beta', contexts: 200, tenants: 2, rebucketed: 0 },
        { key: 'checkout', contexts: 180, tenants: 10, rebucketed: 180, rebucketCause: 'its salt changed' },
      ],
      1000,
      { out: (line) => out.push(line), err: (line) => err.push(line) },
    );
    expect(out).toEqual([
      'Impact on 1000 sample contexts:',
      '  flag "tenant-beta": 200 of 1000 sample contexts change variant (2 tenants)',
      '  flag "checkout": 180 of 1000 sample contexts change variant (10 tenants)',
    ]);
    expect(err).toEqual([
      'warning: flag "checkout": 180 sample contexts already in a rollout get another variant because its salt changed; users lose the variant they had. Change only the weights to move users monotonically.',
    ]);
  });
});
