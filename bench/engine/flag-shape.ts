import type { FlagDocument, JsonPrimitive } from '../../src/engine/index.ts';

/**
 * The part of the flag format the workload uses, read out of an edgeflag document in the form the
 * peer translators need. Anything outside it stops the run: a translator that silently dropped a
 * condition would make a peer look faster than it is.
 */
export type BenchOperator = 'in' | 'starts_with' | 'semver_gte' | 'gt';

export interface BenchCondition {
  readonly attribute: string;
  readonly op: BenchOperator;
  readonly values: readonly JsonPrimitive[];
}

export interface BenchSplit {
  readonly variant: string;
  /** Percent, 0 to 100. */
  readonly weight: number;
}

export interface BenchRule {
  readonly name: string;
  readonly conditions: readonly BenchCondition[];
  readonly variant?: string;
  readonly rollout?: readonly BenchSplit[];
}

export interface BenchFlag {
  readonly key: string;
  readonly variants: Readonly<Record<string, boolean>>;
  readonly defaultVariant: string;
  readonly rules: readonly BenchRule[];
}

const OPERATORS: ReadonlySet<string> = new Set<BenchOperator>(['in', 'starts_with', 'semver_gte', 'gt']);

function unsupported(key: string, what: string): never {
  throw new Error(`bench translation: flag "${key}" uses ${what}, which the peer translators do not cover`);
}

/** Reads every flag of a workload document; throws on a feature the translators do not cover. */
export function readFlags(document: FlagDocument): BenchFlag[] {
  if (document.segments !== undefined && Object.keys(document.segments).length > 0) unsupported('*', 'segments');
  return Object.entries(document.flags).map(([key, flag]) => {
    if (flag.targets || flag.prerequisites || flag.schedule || flag.enabled === false || flag.salt) {
      unsupported(key, 'targets, prerequisites, schedules, salt or enabled: false');
    }
    const variants: Record<string, boolean> = {};
    for (const [name, value] of Object.entries(flag.variants ?? { on: true, off: false })) {
      if (typeof value !== 'boolean') unsupported(key, 'non-boolean variants');
      variants[name] = value;
    }
    const rules = (flag.rules ?? []).map((rule, index): BenchRule => {
      const conditions = (rule.when ?? []).map((condition): BenchCondition => {
        if (!('attribute' in condition) || !OPERATORS.has(condition.op) || condition.negate || condition.ignoreCase) {
          unsupported(key, `condition ${JSON.stringify(condition)}`);
        }
        const values = condition.values ?? (condition.value === undefined ? [] : [condition.value]);
        return { attribute: condition.attribute, op: condition.op as BenchOperator, values };
      });
      if ((rule.rollout?.by ?? 'targetingKey') !== 'targetingKey') unsupported(key, 'a rollout not by targetingKey');
      const rollout = rule.rollout && Object.entries(rule.rollout.variants).map(([variant, weight]) => ({ variant, weight }));
      const name = rule.name ?? `rule-${index}`;
      return rollout ? { name, conditions, rollout } : { name, conditions, variant: rule.variant ?? unsupported(key, 'a rule with neither variant nor rollout') };
    });
    return { key, variants, defaultVariant: flag.defaultVariant ?? 'off', rules };
  });
}
