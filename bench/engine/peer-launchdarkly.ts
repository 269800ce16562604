import { basicLogger, init } from '@launchdarkly/node-server-sdk';
import type { LDClient, LDContext } from '@launchdarkly/node-server-sdk';
import { TestData } from '@launchdarkly/node-server-sdk/integrations';
import type { BenchCondition, BenchFlag, BenchRule } from './flag-shape.ts';
import { readFlags } from './flag-shape.ts';
import type { Implementation } from './implementation.ts';
import { inOrder } from './implementation.ts';
import type { BenchContext, Workload } from './workload.ts';

/**
 * @launchdarkly/node-server-sdk with full flag JSON fed through the TestData source (offline mode
 * would serve only defaults), no events, no diagnostics. Its evaluation API is Promise-only, so
 * every call is awaited, as an application would. LaunchDarkly has no semver >=: it is a negated
 * `semVerLessThan`. Weights are in thousandths of a percent (100000 = 100%).
 */

interface LdClause {
  contextKind: 'user';
  attribute: string;
  op: string;
  values: (string | number | boolean | null)[];
  negate: boolean;
}

const attributeName = (attribute: string): string => (attribute === 'targetingKey' ? 'key' : attribute);

function clause(entry: BenchCondition): LdClause {
  const base = { contextKind: 'user' as const, attribute: attributeName(entry.attribute), values: [...entry.values], negate: false };
  switch (entry.op) {
    case 'in':
      return { ...base, op: 'in' };
    case 'starts_with':
      return { ...base, op: 'startsWith' };
    case 'semver_gte':
      // "not < any of several" is not ">= any of them"; the workload uses one value.
      if (entry.values.length !== 1) throw new Error('launchdarkly: semver_gte takes one value');
      return { ...base, op: 'semVerLessThan', negate: true };
    case 'gt':
      return { ...base, op: 'greaterThan' };
  }
}

function serve(rule: BenchRule, variations: readonly string[]): Record<string, unknown> {
  if (!rule.rollout) return { variation: variations.indexOf(rule.variant!) };
  const weighted = rule.rollout.map((split) => ({ variation: variations.indexOf(split.variant), weight: Math.round(split.weight * 1000) }));
  return { rollout: { variations: weighted, bucketBy: 'key', contextKind: 'user' } };
}

/** One workload flag as LaunchDarkly's server-side flag JSON. */
export function launchDarklyFlag(flag: BenchFlag): Record<string, unknown> {
  const variations = Object.keys(flag.variants);
  const rules = [...flag.rules];
  const last = rules.at(-1);
  const fallthrough = last && last.conditions.length === 0 ? serve(rules.pop()!, variations) : { variation: variations.indexOf(flag.defaultVariant) };
  return {
    key: flag.key,
    version: 1,
    on: true,
    salt: flag.key,
    variations: variations.map((name) => flag.variants[name]),
    offVariation: variations.indexOf(flag.defaultVariant),
    fallthrough,
    rules: rules.map((rule, index) => ({ id: `rule-${index}`, clauses: rule.conditions.map(clause), trackEvents: false, ...serve(rule, variations) })),
    targets: [],
    contextTargets: [],
    prerequisites: [],
    trackEvents: false,
    trackEventsFallthrough: false,
    deleted: false,
  };
}

async function client(flags: readonly BenchFlag[]): Promise<LDClient> {
  const data = new TestData();
  for (const flag of flags) await data.usePreconfiguredFlag(launchDarklyFlag(flag));
  const ld = init('sdk-offline-benchmark', {
    updateProcessor: data.getFactory(),
    sendEvents: false,
    diagnosticOptOut: true,
    logger: basicLogger({ level: 'warn' }),
  });
  await ld.waitForInitialization({ timeout: 10 });
  return ld;
}

function ldContext(context: BenchContext): LDContext {
  const { targetingKey, ...attributes } = context;
  return { kind: 'user', key: targetingKey, ...attributes };
}

export async function createLaunchDarkly(workload: Workload, version: string): Promise<Implementation> {
  const contexts = workload.contexts.map(ldContext);
  const n = contexts.length;
  const w1 = await client(readFlags(workload.w1));
  const w2 = await client(readFlags(workload.w2));
  const w1Key = workload.w1Key;
  const keys = workload.w2Keys;

  return {
    name: 'launchdarkly',
    kind: 'peer',
    version: `@launchdarkly/node-server-sdk ${version}`,
    api: 'await variation (W1, W3), await allFlagsState (W2); TestData source',
    async run(name, from, count) {
      let on = 0;
      const end = from + count;
      if (name === 'W1') {
        for (let i = from; i < end; i++) if ((await w1.variation(w1Key, contexts[i % n]!, false)) === true) on++;
      } else if (name === 'W2') {
        for (let i = from; i < end; i++) {
          const values = (await w2.allFlagsState(contexts[i % n]!)).allValues();
          for (const key in values) if (values[key] === true) on++;
        }
      } else {
        for (let i = from; i < end; i++) if ((await w2.variation(keys[i % keys.length]!, contexts[i % n]!, false)) === true) on++;
      }
      return on;
    },
    async answer(name, index) {
      const context = contexts[index % n]!;
      if (name === 'W1') return [(await w1.variation(w1Key, context, false)) === true];
      if (name === 'W3') return [(await w2.variation(keys[index % keys.length]!, context, false)) === true];
      const values = (await w2.allFlagsState(context)).allValues();
      return inOrder(keys, new Map(Object.entries(values).map(([key, value]) => [key, value === true])), 'launchdarkly');
    },
    close() {
      w1.close();
      w2.close();
    },
  };
}
