import type { EvaluationContext, EvaluationResult, Flag, FlagDocument } from '../../engine/index.ts';
import { compile, evaluate } from '../../engine/index.ts';
import type { OptionSpec } from '../command.ts';
import { indexRules } from '../publish/describe-rules.ts';

/** `--sample FILE.jsonl`, shared by `publish --dry-run` and `diff`. */
export const SAMPLE_OPTION = {
  sample: {
    type: 'string',
    valueName: 'FILE',
    description: 'JSON Lines of contexts (e.g. from logs): say per changed flag how many change variant',
  },
} as const satisfies Record<string, OptionSpec>;

/** How one flag's answers change over a sample of contexts. */
export interface FlagImpact {
  readonly key: string;
  /** Sample contexts whose variant changes. */
  readonly contexts: number;
  /** Distinct `tenant` values among those contexts. */
  readonly tenants: number;
  /** Contexts served by a rollout (SPLIT) before and after whose variant changed. */
  readonly rebucketed: number;
  /** Set when a salt, rollout `by` or variant order change reshuffles buckets instead of moving weights. */
  readonly rebucketCause?: string;
}

/**
 * For every flag in both documents, how many sample contexts (and tenants) would get another
 * variant, evaluated with the engine the edge runs; flags with no change are left out. A segment
 * change shows up under the flags that use it. Kills and overrides are left out: they do not
 * depend on the files.
 *
 * @example impactPreview(published, files, contexts, Date.now()) // [{ key: 'beta', contexts: 12, tenants: 3, rebucketed: 12 }]
 */
export function impactPreview(before: FlagDocument, after: FlagDocument, contexts: readonly EvaluationContext[], now: number): FlagImpact[] {
  const old = compile(before);
  const next = compile(after);
  const impacts: FlagImpact[] = [];
  const keys = Object.keys(after.flags).filter((key) => Object.hasOwn(before.flags, key)).sort();
  for (const key of keys) {
    let changed = 0;
    let rebucketed = 0;
    const tenants = new Set<string>();
    for (const context of contexts) {
      const was = evaluate(old, key, context, { now });
      const is = evaluate(next, key, context, { now });
      if (sameVariant(was, is)) continue;
      changed += 1;
      if (typeof context.tenant === 'string') tenants.add(context.tenant);
      if (was.reason === 'SPLIT' && is.reason === 'SPLIT') rebucketed += 1;
    }
    if (changed === 0) continue;
    const cause = rebucketed === 0 ? undefined : rebucketCause(before.flags[key]!, after.flags[key]!);
    impacts.push({ key, contexts: changed, tenants: tenants.size, rebucketed, ...(cause === undefined ? {} : { rebucketCause: cause }) });
  }
  return impacts;
}

/**
 * Prints an impact preview: one line per changed flag on `out`, and a warning on `err` for each
 * flag whose buckets were reshuffled.
 *
 * @example printImpact(impacts, 200, io) // '  flag "beta": 12 of 200 sample contexts change variant (3 tenants)'
 */
export function printImpact(impacts: readonly FlagImpact[], total: number, output: { out(line: string): void; err(line: string): void }): void {
  output.out(`Impact on ${total} sample context${total === 1 ? '' : 's'}:`);
  if (impacts.length === 0) output.out('  no sample context changes variant');
  for (const impact of impacts) {
    const tenants = impact.tenants === 0 ? '' : ` (${impact.tenants} tenant${impact.tenants === 1 ? '' : 's'})`;
    output.out(`  flag "${impact.key}": ${impact.contexts} of ${total} sample contexts change variant${tenants}`);
  }
  for (const impact of impacts) {
    if (impact.rebucketCause === undefined) continue;
    output.err(
      `warning: flag "${impact.key}": ${impact.rebucketed} sample contexts already in a rollout get another variant because ${impact.rebucketCause}; ` +
        'users lose the variant they had. Change only the weights to move users monotonically.',
    );
  }
}

function sameVariant(a: EvaluationResult, b: EvaluationResult): boolean {
  return a.variant === b.variant && (a.reason === 'ERROR') === (b.reason === 'ERROR');
}

/**
 * Why rollout buckets may reshuffle: the hash input (salt, `by`) or the order of a rollout's
 * variants changed. Bucket ranges are laid out in declared order (engine/rollout.ts), so swapping
 * two variants moves contexts even when every weight stays the same.
 */
function rebucketCause(before: Flag, after: Flag): string | undefined {
  const causes: string[] = [];
  if (before.salt !== after.salt) causes.push('its salt changed');
  // Rules are matched as `edgeflag diff` matches them, so the warning names the rule diff names.
  const beforeRules = indexRules(before.rules ?? []);
  for (const [id, rule] of indexRules(after.rules ?? [])) {
    const was = beforeRules.get(id)?.rollout;
    const is = rule.rollout;
    if (was === undefined || is === undefined) continue;
    if ((was.by ?? 'targetingKey') !== (is.by ?? 'targetingKey')) causes.push(`${id} buckets by another attribute`);
    if (sharedInOrder(was.variants, is.variants) !== sharedInOrder(is.variants, was.variants)) causes.push(`${id} lists its variants in another order`);
  }
  return causes.length === 0 ? undefined : causes.join(', ');
}

/** The variants of `from` that `other` also has, in `from`'s order, as one comparable string. */
function sharedInOrder(from: Record<string, number>, other: Record<string, number>): string {
  return Object.keys(from).filter((variant) => Object.hasOwn(other, variant)).join('\n');
}
