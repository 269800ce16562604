import type { Rollout, Rule } from '../../engine/index.ts';
import { canonicalJson } from '../../store/canonical-json.ts';

/**
 * The differences between two rule lists of one flag, in words. Rules are matched by name, and an
 * unnamed rule by its position (`rule 2`), so naming rules gives the clearest review.
 *
 * @example describeRuleChanges(before.rules, after.rules) // ['rule "beta": rollout on 10% -> 25%, off 90% -> 75%']
 */
export function describeRuleChanges(before: readonly Rule[], after: readonly Rule[]): string[] {
  const beforeById = indexRules(before);
  const afterById = indexRules(after);
  const details: string[] = [];
  for (const [id, rule] of afterById) {
    const old = beforeById.get(id);
    if (old === undefined) details.push(`${id} added`);
    else details.push(...describeRule(id, old, rule));
  }
  for (const id of beforeById.keys()) if (!afterById.has(id)) details.push(`${id} removed`);
  // First match wins, so moving a rule can change results even when no rule changed.
  const kept = [...afterById.keys()].filter((id) => beforeById.has(id));
  const keptBefore = [...beforeById.keys()].filter((id) => afterById.has(id));
  if (kept.join('\n') !== keptBefore.join('\n')) details.push('rules reordered');
  return details;
}

/**
 * A flag's rules by the id changes name them with: `rule "NAME"`, or `rule N` (1-based) for an
 * unnamed rule or a repeated name.
 *
 * @example indexRules([{ name: 'beta', … }, { … }]) // Map { 'rule "beta"' => …, 'rule 2' => … }
 */
export function indexRules(rules: readonly Rule[]): Map<string, Rule> {
  const byId = new Map<string, Rule>();
  rules.forEach((rule, index) => {
    const named = rule.name === undefined ? undefined : `rule "${rule.name}"`;
    byId.set(named !== undefined && !byId.has(named) ? named : `rule ${index + 1}`, rule);
  });
  return byId;
}

function describeRule(id: string, before: Rule, after: Rule): string[] {
  if (canonicalJson(before) === canonicalJson(after)) return [];
  const details: string[] = [];
  if (canonicalJson(before.when ?? []) !== canonicalJson(after.when ?? [])) details.push(`${id}: conditions changed`);
  if (before.rollout === undefined && after.rollout === undefined) {
    if (before.variant !== after.variant) details.push(`${id}: serves ${before.variant} -> ${after.variant}`);
  } else if (before.rollout === undefined) {
    details.push(`${id}: serves ${before.variant} -> rollout ${weights(after.rollout!)}`);
  } else if (after.rollout === undefined) {
    details.push(`${id}: rollout ${weights(before.rollout)} -> serves ${after.variant}`);
  } else {
    details.push(...describeRollout(id, before.rollout, after.rollout));
  }
  return details.length > 0 ? details : [`${id} changed`];
}

function describeRollout(id: string, before: Rollout, after: Rollout): string[] {
  const details: string[] = [];
  const names = [...new Set([...Object.keys(before.variants), ...Object.keys(after.variants)])];
  const moved = names
    .filter((name) => (before.variants[name] ?? 0) !== (after.variants[name] ?? 0))
    .map((name) => `${name} ${before.variants[name] ?? 0}% -> ${after.variants[name] ?? 0}%`);
  if (moved.length > 0) details.push(`${id}: rollout ${moved.join(', ')}`);
  const byBefore = before.by ?? 'targetingKey';
  const byAfter = after.by ?? 'targetingKey';
  if (byBefore !== byAfter) details.push(`${id}: rollout by ${byBefore} -> ${byAfter}`);
  return details;
}

function weights(rollout: Rollout): string {
  return Object.entries(rollout.variants)
    .map(([name, weight]) => `${name} ${weight}%`)
    .join(', ');
}
