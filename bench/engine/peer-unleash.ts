import { once } from 'node:events';
import { InMemStorageProvider, Unleash, UnleashEvents } from 'unleash-client';
import type { Context } from 'unleash-client';
import type { FeatureInterface } from 'unleash-client/lib/feature';
import type { Constraint, StrategyTransportInterface } from 'unleash-client/lib/strategy/strategy';
import { Operator } from 'unleash-client/lib/strategy/strategy';
import type { BenchCondition, BenchFlag } from './flag-shape.ts';
import { readFlags } from './flag-shape.ts';
import type { Implementation } from './implementation.ts';
import type { BenchContext, Workload } from './workload.ts';

/**
 * unleash-client (Node SDK), bootstrapped from memory, never polling (refreshInterval 0), no metrics.
 * A toggle is on when any strategy matches, in order, so each edgeflag rule serving the `true`
 * variant becomes a strategy: a `default` strategy with constraints, or `flexibleRollout` for the
 * split (stickiness userId, groupId = flag key). Unleash has no semver >=: it is "not SEMVER_LT".
 */

/** Unleash reads `userId` itself; every other attribute is a custom property. */
const contextName = (attribute: string): string => (attribute === 'targetingKey' ? 'userId' : attribute);

function constraint(entry: BenchCondition): Constraint {
  const base = { contextName: contextName(entry.attribute), inverted: false, values: entry.values.map(String) };
  const single = (): string => {
    if (entry.values.length !== 1) throw new Error(`unleash: ${entry.op} takes one value`);
    return String(entry.values[0]);
  };
  switch (entry.op) {
    case 'in':
      return { ...base, operator: Operator.IN };
    case 'starts_with':
      return { ...base, operator: Operator.STR_STARTS_WITH };
    case 'semver_gte':
      return { ...base, operator: Operator.SEMVER_LT, values: [], value: single(), inverted: true };
    case 'gt':
      return { ...base, operator: Operator.NUM_GT, values: [], value: single() };
  }
}

function toggle(flag: BenchFlag): FeatureInterface {
  if (flag.variants[flag.defaultVariant] !== false) throw new Error(`unleash: flag ${flag.key} must default to false`);
  const strategies = flag.rules.map((rule): StrategyTransportInterface => {
    const constraints = rule.conditions.map(constraint);
    if (rule.rollout) {
      const on = rule.rollout.filter((split) => flag.variants[split.variant] === true).reduce((sum, split) => sum + split.weight, 0);
      return { name: 'flexibleRollout', parameters: { rollout: String(on), stickiness: 'userId', groupId: flag.key }, constraints };
    }
    if (flag.variants[rule.variant!] !== true) throw new Error(`unleash: rule "${rule.name}" of ${flag.key} must serve true`);
    return { name: 'default', parameters: {}, constraints };
  });
  return { name: flag.key, type: 'release', project: 'default', enabled: true, strategies, variants: [] };
}

/** The workload's flags as Unleash toggles (the client API's feature format). */
export function unleashToggles(flags: readonly BenchFlag[]): FeatureInterface[] {
  return flags.map(toggle);
}

async function client(flags: readonly BenchFlag[], appName: string): Promise<Unleash> {
  const unleash = new Unleash({
    appName,
    url: 'http://127.0.0.1:9/api/', // never contacted: no polling, no metrics
    refreshInterval: 0,
    disableMetrics: true,
    disableAutoStart: true,
    storageProvider: new InMemStorageProvider(),
    bootstrap: { data: unleashToggles(flags) },
  });
  unleash.on(UnleashEvents.Warn, (warning: unknown) => process.stderr.write(`unleash warning: ${String(warning)}\n`));
  // Until 'ready' has been emitted (a tick after start() resolves), isEnabled serves the fallback.
  const ready = once(unleash, UnleashEvents.Ready);
  await unleash.start();
  await ready;
  if (!unleash.isSynchronized()) throw new Error('unleash: the bootstrap data did not load');
  return unleash;
}

function unleashContext(context: BenchContext): Context {
  const { targetingKey, ...properties } = context;
  return { userId: targetingKey, properties };
}

export async function createUnleash(workload: Workload, version: string): Promise<Implementation> {
  const contexts = workload.contexts.map(unleashContext);
  const n = contexts.length;
  const w1 = await client(readFlags(workload.w1), 'edgeflag-bench-w1');
  const w2 = await client(readFlags(workload.w2), 'edgeflag-bench-w2');
  const w1Key = workload.w1Key;
  const keys = workload.w2Keys;

  return {
    name: 'unleash-client',
    kind: 'peer',
    version: `unleash-client ${version}`,
    api: 'isEnabled per flag (W2: a loop over all toggles, as @unleash/proxy does)',
    run(name, from, count) {
      let on = 0;
      const end = from + count;
      if (name === 'W1') {
        for (let i = from; i < end; i++) if (w1.isEnabled(w1Key, contexts[i % n])) on++;
      } else if (name === 'W2') {
        for (let i = from; i < end; i++) {
          const context = contexts[i % n];
          for (let f = 0; f < keys.length; f++) if (w2.isEnabled(keys[f]!, context)) on++;
        }
      } else {
        for (let i = from; i < end; i++) if (w2.isEnabled(keys[i % keys.length]!, contexts[i % n])) on++;
      }
      return on;
    },
    answer(name, index) {
      const context = contexts[index % n];
      if (name === 'W1') return [w1.isEnabled(w1Key, context)];
      if (name === 'W3') return [w2.isEnabled(keys[index % keys.length]!, context)];
      return keys.map((key) => w2.isEnabled(key, context));
    },
    close() {
      w1.destroy();
      w2.destroy();
    },
  };
}
