import { describe, expect, it } from 'vitest';
import { BUCKET_COUNT, bucketOf, compile, evaluate } from '../../src/engine/index.ts';
import { pickVariant, rolloutBounds } from '../../src/engine/rollout.ts';
import { NOW } from './condition-harness.ts';

describe('rollout buckets', () => {
  it('has 100,000 buckets: weights have 0.001% resolution', () => {
    expect(BUCKET_COUNT).toBe(100_000);
    expect(rolloutBounds([0.001, 99.999])).toEqual([1, 100_000]);
    expect(pickVariant(rolloutBounds([0.001, 99.999]), 0)).toBe(0);
    expect(pickVariant(rolloutBounds([0.001, 99.999]), 1)).toBe(1);
  });

  it('gives each variant a contiguous range in declared order, boundaries exclusive', () => {
    const bounds = rolloutBounds([10, 25.5, 64.5]);
    expect(bounds).toEqual([10_000, 35_500, 100_000]);
    expect([0, 9_999, 10_000, 35_499, 35_500, 99_999].map((bucket) => pickVariant(bounds, bucket))).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('never serves a variant of weight 0', () => {
    const bounds = rolloutBounds([0, 100, 0]);
    for (const bucket of [0, 50_000, 99_999]) expect(pickVariant(bounds, bucket)).toBe(1);
  });

  it('puts every value in a bucket between 0 and 99,999, the same one every time', () => {
    for (let i = 0; i < 1000; i++) {
      const bucket = bucketOf('flag', `user-${i}`);
      expect(bucket).toBeGreaterThanOrEqual(0);
      expect(bucket).toBeLessThan(BUCKET_COUNT);
      expect(Number.isInteger(bucket)).toBe(true);
      expect(bucketOf('flag', `user-${i}`)).toBe(bucket);
    }
  });

  it('serves the variant whose range holds the context bucket, salted by flag key unless salt is set', () => {
    const snapshot = compile({
      flags: {
        a: { rules: [{ rollout: { variants: { on: 30, off: 70 } } }] },
        b: { salt: 'shared', rules: [{ rollout: { variants: { on: 30, off: 70 } } }] },
      },
    });
    for (let i = 0; i < 200; i++) {
      const user = `user-${i}`;
      expect(evaluate(snapshot, 'a', { targetingKey: user }, { now: NOW }).variant).toBe(bucketOf('a', user) < 30_000 ? 'on' : 'off');
      expect(evaluate(snapshot, 'b', { targetingKey: user }, { now: NOW }).variant).toBe(bucketOf('shared', user) < 30_000 ? 'on' : 'off');
    }
  });

  it('buckets a numeric attribute as its decimal text', () => {
    const snapshot = compile({ flags: { a: { rules: [{ rollout: { variants: { on: 50, off: 50 }, by: 'accountId' } }] } } });
    for (const id of [1, 42, 1234567]) {
      expect(evaluate(snapshot, 'a', { accountId: id }, { now: NOW }).variant).toBe(
        evaluate(snapshot, 'a', { accountId: String(id) }, { now: NOW }).variant,
      );
    }
  });
});
