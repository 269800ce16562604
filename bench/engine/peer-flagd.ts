import { FlagdCore } from '@openfeature/flagd-core';
import type { BenchCondition, BenchFlag, BenchRule } from './flag-shape.ts';
import { readFlags } from './flag-shape.ts';
import type { Implementation } from './implementation.ts';
import { inOrder } from './implementation.ts';
import type { Workload } from './workload.ts';

/**
 * @openfeature/flagd-core, the evaluator inside flagd's in-process providers, with
 * `disableDynamicCodeGeneration` (JsonLogic interpreted, no `new Function`: the mode that runs on Workers).
 * Rules become one JsonLogic `if` chain (flagd.dev/reference/flag-definitions).
 */
type Logic = string | number | boolean | null | Logic[] | { [operator: string]: Logic };

function condition(entry: BenchCondition): Logic {
  const value: Logic = { var: entry.attribute };
  const each = (test: (literal: Logic) => Logic): Logic => (entry.values.length === 1 ? test(entry.values[0]!) : { or: entry.values.map(test) });
  switch (entry.op) {
    case 'in':
      return { in: [value, [...entry.values]] };
    case 'starts_with':
      return each((literal) => ({ starts_with: [value, literal] }));
    case 'semver_gte':
      return each((literal) => ({ sem_ver: [value, '>=', literal] }));
    case 'gt':
      return each((literal) => ({ '>': [value, literal] }));
  }
}

function outcome(rule: BenchRule): Logic {
  // fractional weights are integers: scale the 0.001% resolution up.
  if (rule.rollout) return { fractional: rule.rollout.map((split) => [split.variant, Math.round(split.weight * 1000)]) };
  return rule.variant!;
}

function targeting(flag: BenchFlag): Logic {
  let otherwise: Logic = flag.defaultVariant;
  const rules = [...flag.rules];
  const last = rules.at(-1);
  if (last && last.conditions.length === 0) {
    otherwise = outcome(last);
    rules.pop();
  }
  if (rules.length === 0) return otherwise;
  const chain: Logic[] = [];
  for (const rule of rules) {
    const tests = rule.conditions.map(condition);
    chain.push(tests.length === 1 ? tests[0]! : { and: tests }, outcome(rule));
  }
  chain.push(otherwise);
  return { if: chain };
}

/** The workload's flags as a flagd flag-definition file. */
export function flagdConfiguration(flags: readonly BenchFlag[]): string {
  const entries = flags.map((flag) => [flag.key, { state: 'ENABLED', variants: flag.variants, defaultVariant: flag.defaultVariant, targeting: targeting(flag) }]);
  return JSON.stringify({ flags: Object.fromEntries(entries) });
}

function core(flags: readonly BenchFlag[]): FlagdCore {
  const flagd = new FlagdCore(undefined, undefined, { disableDynamicCodeGeneration: true });
  flagd.setConfigurations(flagdConfiguration(flags));
  return flagd;
}

export function createFlagd(workload: Workload, version: string): Implementation {
  const contexts = workload.contexts;
  const n = contexts.length;
  const w1 = core(readFlags(workload.w1));
  const w2 = core(readFlags(workload.w2));
  const w1Key = workload.w1Key;
  const keys = workload.w2Keys;

  return {
    name: 'flagd-core',
    kind: 'peer',
    version: `@openfeature/flagd-core ${version}`,
    api: 'resolveBooleanEvaluation (W1, W3), resolveAll (W2); disableDynamicCodeGeneration',
    run(name, from, count) {
      let on = 0;
      const end = from + count;
      if (name === 'W1') {
        for (let i = from; i < end; i++) if (w1.resolveBooleanEvaluation(w1Key, false, contexts[i % n]!).value) on++;
      } else if (name === 'W2') {
        for (let i = from; i < end; i++) {
          const results = w2.resolveAll(contexts[i % n]!);
          for (let f = 0; f < results.length; f++) if (results[f]!.value === true) on++;
        }
      } else {
        for (let i = from; i < end; i++) if (w2.resolveBooleanEvaluation(keys[i % keys.length]!, false, contexts[i % n]!).value) on++;
      }
      return on;
    },
    answer(name, index) {
      const context = contexts[index % n]!;
      if (name === 'W1') return [w1.resolveBooleanEvaluation(w1Key, false, context).value];
      if (name === 'W3') return [w2.resolveBooleanEvaluation(keys[index % keys.length]!, false, context).value];
      const results = w2.resolveAll(context);
      return inOrder(keys, new Map(results.map((result) => [result.flagKey, result.value === true])), 'flagd-core');
    },
    close() {},
  };
}
