import type { CompiledCondition, ConditionCompiler } from './conditions/index.ts';
import { compileConditions } from './conditions/index.ts';
import type { Rule } from './document.ts';
import type { EvaluationResult, ResultMetadata } from './result.ts';
import { resolvedResult, servedErrorResult } from './results.ts';
import { rolloutBounds, saltSeed } from './rollout.ts';
import type { FlagInfo } from './snapshot.ts';

/** A percentage rollout with its bucket ranges and a prebuilt result per variant. */
export class CompiledRollout {
  constructor(
    /** Attribute slot of the bucketing attribute (`by`). */
    readonly slot: number,
    /** Memo slot of the bucketing value's hash. */
    readonly hashSlot: number,
    readonly seed: number,
    readonly bounds: Int32Array,
    readonly results: readonly EvaluationResult[],
    /** Served when the context lacks the bucketing attribute. */
    readonly missing: EvaluationResult,
  ) {}
}

/** A rule: its conditions, then either a fixed result or a rollout. */
export class CompiledRule {
  constructor(
    readonly conditions: readonly CompiledCondition[],
    readonly result: EvaluationResult | null,
    readonly rollout: CompiledRollout | null,
  ) {}
}

export function compileRule(
  rule: Rule,
  label: string,
  flag: FlagInfo,
  salt: string,
  metadata: ResultMetadata | undefined,
  compiler: ConditionCompiler,
): CompiledRule {
  const conditions = compileConditions(rule.when, compiler);
  if (rule.rollout === undefined) {
    return new CompiledRule(conditions, resolvedResult(flag, rule.variant ?? flag.defaultVariant, 'TARGETING_MATCH', metadata), null);
  }
  const by = rule.rollout.by ?? 'targetingKey';
  const weights = rule.rollout.variants;
  const names = Object.keys(weights);
  const rollout = new CompiledRollout(
    compiler.attributeSlot(by),
    compiler.parseSlot('hash', by),
    saltSeed(salt),
    Int32Array.from(rolloutBounds(names.map((name) => weights[name]!))),
    names.map((name) => resolvedResult(flag, name, 'SPLIT', metadata)),
    servedErrorResult(
      flag,
      flag.defaultVariant,
      'TARGETING_KEY_MISSING',
      `${label} of flag "${flag.key}" rolls out by "${by}", which the context does not have`,
      metadata,
    ),
  );
  return new CompiledRule(conditions, null, rollout);
}
