import type { CompiledRollout } from './compile-rule.ts';
import { allHold } from './conditions/index.ts';
import type { EvaluationResult } from './result.ts';
import { errorResult } from './results.ts';
import { bucketFromHashes, pickVariant, valueHash } from './rollout.ts';
import type { EvaluationContext, EvaluationOptions } from './scope.ts';
import { Scope } from './scope.ts';
import type { CompiledFlag, CompiledSnapshot, FlagInfo } from './snapshot.ts';
import { internals } from './snapshot.ts';

/** Prerequisite chains deeper than this are a fault (validation rejects cycles; this guards unvalidated input). */
const MAX_PREREQUISITE_DEPTH = 32;

class PrerequisiteDepthError extends Error {}

function isContext(context: unknown): context is EvaluationContext {
  return typeof context === 'object' && context !== null && !Array.isArray(context);
}

/** A segment matches when it lists the tenant or the user, or all its `when` conditions hold; memoised per scope. */
function matchSegment(index: number, scope: Scope): boolean {
  const known = scope.segmentMatch(index);
  if (known !== 0) return known === 1;
  const segment = scope.segmentTable[index]!;
  const { tenant, targetingKey } = scope;
  const match =
    (segment.tenants !== undefined && tenant !== undefined && segment.tenants.has(tenant)) ||
    (segment.users !== undefined && targetingKey !== undefined && segment.users.has(targetingKey)) ||
    (segment.conditions !== null && allHold(segment.conditions, scope, matchSegment));
  scope.rememberSegment(index, match);
  return match;
}

/** The hash of the bucketing value (absent, empty or non-scalar values have none), memoised per scope. */
function bucketingHash(rollout: CompiledRollout, scope: Scope): number | null {
  let hash = scope.parsed(rollout.hashSlot) as number | null | undefined;
  if (hash === undefined) {
    const value = scope.attribute(rollout.slot);
    hash =
      typeof value === 'string' && value !== ''
        ? valueHash(value)
        : typeof value === 'number' && Number.isFinite(value)
          ? valueHash(String(value))
          : null;
    scope.remember(rollout.hashSlot, hash);
  }
  return hash;
}

function rolloutResult(rollout: CompiledRollout, scope: Scope): EvaluationResult {
  const hash = bucketingHash(rollout, scope);
  if (hash === null) return rollout.missing;
  return rollout.results[pickVariant(rollout.bounds, bucketFromHashes(hash, rollout.seed))]!;
}

/** The result of a flag, evaluated at most once per scope (prerequisites share it). */
function memoisedResult(flag: CompiledFlag, scope: Scope): EvaluationResult {
  const results = (scope.results ??= []);
  const known = results[flag.index];
  if (known !== undefined) return known;
  if (++scope.depth > MAX_PREREQUISITE_DEPTH) throw new PrerequisiteDepthError();
  const result = evaluateFlag(flag, scope);
  scope.depth--;
  results[flag.index] = result;
  return result;
}

/** design.md "Evaluation order and reasons", steps 2 to 8. */
function evaluateFlag(flag: CompiledFlag, scope: Scope): EvaluationResult {
  if (scope.killed !== undefined && scope.killed.has(flag.key)) return flag.disabled;
  if (scope.overrides !== undefined && flag.overridable) {
    const variant = scope.overrides.get(flag.key);
    const forced = variant === undefined ? undefined : flag.overrides.get(variant);
    if (forced !== undefined) return forced;
  }
  if (!flag.enabled || scope.now < flag.from || scope.now >= flag.until) return flag.disabled;

  for (const prerequisite of flag.prerequisites) {
    const variant = prerequisite.flag === undefined ? undefined : memoisedResult(prerequisite.flag, scope).variant;
    if (variant === undefined || !prerequisite.variants.has(variant)) return prerequisite.failed;
  }

  const { tenant, targetingKey } = scope;
  for (const target of flag.targets) {
    if (
      (target.tenants !== undefined && tenant !== undefined && target.tenants.has(tenant)) ||
      (target.users !== undefined && targetingKey !== undefined && target.users.has(targetingKey))
    ) {
      return target.result;
    }
  }
  const rules = flag.rules;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (!allHold(rule.conditions, scope, matchSegment)) continue;
    return rule.rollout === null ? rule.result! : rolloutResult(rule.rollout, scope);
  }
  return flag.fallthrough;
}

function safeEvaluate(flag: CompiledFlag, scope: Scope, memoise: boolean): EvaluationResult {
  try {
    if (!memoise) return evaluateFlag(flag, scope);
    scope.depth = 0;
    return memoisedResult(flag, scope);
  } catch (fault) {
    const details =
      fault instanceof PrerequisiteDepthError
        ? `prerequisites of flag "${flag.key}" nest deeper than ${MAX_PREREQUISITE_DEPTH}`
        : `evaluating flag "${flag.key}" failed: ${fault instanceof Error ? fault.message : String(fault)}`;
    return errorResult(flag.key, 'GENERAL', details);
  }
}

function invalidContext(key: string): EvaluationResult {
  return errorResult(key, 'INVALID_CONTEXT', 'the evaluation context must be a JSON object');
}

/**
 * Evaluates one flag for a context. Never throws: faults come back with reason ERROR and an errorCode.
 *
 * @example evaluate(snapshot, 'new-checkout', { targetingKey: 'u-1', tenant: 'acme' }, { now: Date.now() })
 */
export function evaluate(
  snapshot: CompiledSnapshot,
  flagKey: string,
  context: EvaluationContext,
  options: EvaluationOptions,
): EvaluationResult {
  const compiled = snapshot[internals];
  const flag = compiled.byKey.get(flagKey);
  if (flag === undefined) return errorResult(flagKey, 'FLAG_NOT_FOUND', `flag "${flagKey}" is not in this snapshot`);
  if (!isContext(context)) return invalidContext(flagKey);
  const scope = (compiled.scope.busy ? new Scope(compiled) : compiled.scope).begin(context, options, false);
  const result = safeEvaluate(flag, scope, compiled.hasPrerequisites);
  scope.end();
  return result;
}

/**
 * Evaluates many flags (all by default) for one context in one pass, sharing attribute reads,
 * parsed values, bucketing hashes, segment matches and prerequisite results between flags.
 *
 * @example evaluateAll(snapshot, context, { now: Date.now() }, snapshot.clientFlags)
 */
export function evaluateAll(
  snapshot: CompiledSnapshot,
  context: EvaluationContext,
  options: EvaluationOptions,
  flags: readonly FlagInfo[] = snapshot.flags,
): EvaluationResult[] {
  const compiled = snapshot[internals];
  const results = new Array<EvaluationResult>(flags.length);
  if (!isContext(context)) {
    for (let i = 0; i < flags.length; i++) results[i] = invalidContext(flags[i]!.key);
    return results;
  }
  const scope = (compiled.scope.busy ? new Scope(compiled) : compiled.scope).begin(context, options, true);
  const memoise = compiled.hasPrerequisites;
  for (let i = 0; i < flags.length; i++) {
    const info = flags[i]!;
    const own = compiled.flags[info.index];
    const flag = own !== undefined && own.key === info.key ? own : compiled.byKey.get(info.key);
    results[i] =
      flag === undefined
        ? errorResult(info.key, 'FLAG_NOT_FOUND', `flag "${info.key}" is not in this snapshot`)
        : safeEvaluate(flag, scope, memoise);
  }
  scope.end();
  return results;
}

