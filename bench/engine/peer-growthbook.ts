import { GrowthBookClient } from '@growthbook/growthbook';
import type { ConditionInterface, FeatureDefinition, FeatureRule, UserContext } from '@growthbook/growthbook';
import type { BenchCondition, BenchFlag } from './flag-shape.ts';
import { readFlags } from './flag-shape.ts';
import type { Implementation } from './implementation.ts';
import type { BenchContext, Workload } from './workload.ts';

/**
 * @growthbook/growthbook's multi-user GrowthBookClient, loaded with `initSync` (no fetch, no
 * streaming). Rules become forced-value feature rules with MongoDB-style conditions; GrowthBook has
 * no startsWith, so a prefix is an anchored `$regex`; the split is a forced rule with `coverage`,
 * hashed on `id` and seeded with the feature key (its default).
 */
type Mongo = ConditionInterface;
type Literal = string | number | boolean | null;

const attributeName = (attribute: string): string => (attribute === 'targetingKey' ? 'id' : attribute);
const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function condition(entry: BenchCondition): Mongo {
  const each = (test: (literal: Literal) => Record<string, Literal>): Mongo =>
    entry.values.length === 1 ? { [attributeName(entry.attribute)]: test(entry.values[0]!) } : { $or: entry.values.map((v) => ({ [attributeName(entry.attribute)]: test(v) })) };
  switch (entry.op) {
    case 'in':
      return { [attributeName(entry.attribute)]: { $in: [...entry.values] } };
    case 'starts_with':
      return each((literal) => ({ $regex: `^${escapeRegex(String(literal))}` }));
    case 'semver_gte':
      return each((literal) => ({ $vgte: literal }));
    case 'gt':
      return each((literal) => ({ $gt: literal }));
  }
}

function feature(flag: BenchFlag): FeatureDefinition<boolean> {
  const rules = flag.rules.map((rule, index): FeatureRule<boolean> => {
    const tests = rule.conditions.map(condition);
    const when = tests.length === 0 ? {} : { condition: tests.length === 1 ? tests[0]! : { $and: tests } };
    if (!rule.rollout) return { id: rule.name, ...when, force: flag.variants[rule.variant!]! };
    // A coverage rule that misses falls through to the next rule; edgeflag's split decides, so it must be last.
    const on = rule.rollout.filter((split) => flag.variants[split.variant] === true).reduce((sum, split) => sum + split.weight, 0);
    if (index !== flag.rules.length - 1 || flag.variants[flag.defaultVariant] !== false) throw new Error(`growthbook: split of ${flag.key} must be last and default false`);
    return { id: rule.name, ...when, force: true, coverage: on / 100, hashAttribute: 'id' };
  });
  return { defaultValue: flag.variants[flag.defaultVariant]!, rules };
}

/** The workload's flags as a GrowthBook SDK payload's `features`. */
export function growthBookFeatures(flags: readonly BenchFlag[]): Record<string, FeatureDefinition<boolean>> {
  return Object.fromEntries(flags.map((flag) => [flag.key, feature(flag)]));
}

function client(flags: readonly BenchFlag[]): GrowthBookClient {
  return new GrowthBookClient({ enabled: true }).initSync({ payload: { features: growthBookFeatures(flags) } });
}

function userContext(context: BenchContext): UserContext {
  const { targetingKey, ...attributes } = context;
  return { attributes: { id: targetingKey, ...attributes } };
}

export function createGrowthBook(workload: Workload, version: string): Implementation {
  const contexts = workload.contexts.map(userContext);
  const n = contexts.length;
  const w1 = client(readFlags(workload.w1));
  const w2 = client(readFlags(workload.w2));
  const w1Key = workload.w1Key;
  const keys = workload.w2Keys;

  return {
    name: 'growthbook',
    kind: 'peer',
    version: `@growthbook/growthbook ${version}`,
    api: 'GrowthBookClient.isOn per feature (W2: a loop over all features; it has no bulk call)',
    run(name, from, count) {
      let on = 0;
      const end = from + count;
      if (name === 'W1') {
        for (let i = from; i < end; i++) if (w1.isOn(w1Key, contexts[i % n]!)) on++;
      } else if (name === 'W2') {
        for (let i = from; i < end; i++) {
          const context = contexts[i % n]!;
          for (let f = 0; f < keys.length; f++) if (w2.isOn(keys[f]!, context)) on++;
        }
      } else {
        for (let i = from; i < end; i++) if (w2.isOn(keys[i % keys.length]!, contexts[i % n]!)) on++;
      }
      return on;
    },
    answer(name, index) {
      const context = contexts[index % n]!;
      if (name === 'W1') return [w1.isOn(w1Key, context)];
      if (name === 'W3') return [w2.isOn(keys[index % keys.length]!, context)];
      return keys.map((key) => w2.isOn(key, context));
    },
    close() {
      w1.destroy();
      w2.destroy();
    },
  };
}
