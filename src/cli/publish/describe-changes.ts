import type { Flag, FlagDocument, Segment } from '../../engine/index.ts';
import { BOOLEAN_VARIANTS, IMPLICIT_DEFAULT_VARIANT } from '../../engine/index.ts';
import { canonicalJson } from '../../store/canonical-json.ts';
import { describeRuleChanges } from './describe-rules.ts';

/** What happened to one flag or segment between two documents, in words a reviewer reads. */
export interface Change {
  readonly subject: 'flag' | 'segment';
  readonly key: string;
  readonly kind: 'added' | 'removed' | 'changed';
  /** For `changed`: one phrase per difference, e.g. `rule "beta": rollout on 10% -> 25%`. */
  readonly details: readonly string[];
}

/** The part of a flag document that changes are computed over. */
export type DocumentContent = Pick<FlagDocument, 'segments' | 'flags'>;

/**
 * Every difference between the published document and the new one, segments first, then flags,
 * each in key order. An absent `before` (nothing published yet) makes everything `added`.
 *
 * @example describeChanges(published, next).map(formatChange) // ['~ flag "beta": enabled -> disabled']
 */
export function describeChanges(before: DocumentContent | undefined, after: DocumentContent): Change[] {
  return [
    ...compareMaps('segment', before?.segments ?? {}, after.segments ?? {}, describeSegment),
    ...compareMaps('flag', before?.flags ?? {}, after.flags, describeFlag),
  ];
}

/**
 * One change as one line: `+` added, `-` removed, `~` changed.
 *
 * @example formatChange({ subject: 'flag', key: 'beta', kind: 'added', details: [] }) // '+ flag "beta" added'
 */
export function formatChange(change: Change): string {
  const name = `${change.subject} "${change.key}"`;
  if (change.kind === 'added') return `+ ${name} added`;
  if (change.kind === 'removed') return `- ${name} removed`;
  return `~ ${name}: ${change.details.join('; ')}`;
}

const SAME_EFFECT = 'written differently, same effect (a default written out or left out)';

function compareMaps<T>(
  subject: Change['subject'],
  before: Readonly<Record<string, T>>,
  after: Readonly<Record<string, T>>,
  describe: (before: T, after: T) => string[],
): Change[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changes: Change[] = [];
  for (const key of keys) {
    const had = Object.hasOwn(before, key);
    const has = Object.hasOwn(after, key);
    if (!had) changes.push({ subject, key, kind: 'added', details: [] });
    else if (!has) changes.push({ subject, key, kind: 'removed', details: [] });
    else if (!same(before[key], after[key])) {
      const details = describe(before[key]!, after[key]!);
      // Different text, same meaning: a default written out or dropped (`enabled: true`).
      changes.push({ subject, key, kind: 'changed', details: details.length > 0 ? details : [SAME_EFFECT] });
    }
  }
  return changes;
}

function describeSegment(before: Segment, after: Segment): string[] {
  const details: string[] = [];
  for (const field of ['tenants', 'users'] as const) {
    const added = listDifference(after[field], before[field]);
    const removed = listDifference(before[field], after[field]);
    if (added.length > 0) details.push(`${field} added: ${added.join(', ')}`);
    if (removed.length > 0) details.push(`${field} removed: ${removed.join(', ')}`);
  }
  if (!same(before.when ?? [], after.when ?? [])) details.push('conditions changed');
  if (before.description !== after.description) details.push('description changed');
  return details;
}

function describeFlag(before: Flag, after: Flag): string[] {
  const details: string[] = [];
  const wasEnabled = before.enabled ?? true;
  const isEnabled = after.enabled ?? true;
  if (wasEnabled !== isEnabled) details.push(wasEnabled ? 'enabled -> disabled' : 'disabled -> enabled');
  details.push(...describeVariants(before.variants ?? BOOLEAN_VARIANTS, after.variants ?? BOOLEAN_VARIANTS));
  const defaultBefore = before.defaultVariant ?? IMPLICIT_DEFAULT_VARIANT;
  const defaultAfter = after.defaultVariant ?? IMPLICIT_DEFAULT_VARIANT;
  if (defaultBefore !== defaultAfter) details.push(`default variant ${defaultBefore} -> ${defaultAfter}`);
  const offBefore = offVariantOf(before, defaultBefore);
  const offAfter = offVariantOf(after, defaultAfter);
  if (offBefore !== offAfter) details.push(`off variant ${offBefore} -> ${offAfter}`);
  if ((before.client ?? false) !== (after.client ?? false)) {
    details.push(after.client === true ? 'now public (served to browsers without a key)' : 'no longer public (needs a server key)');
  }
  if ((before.overridable ?? false) !== (after.overridable ?? false)) {
    details.push(after.overridable === true ? 'testers may now override it' : 'testers may no longer override it');
  }
  if (!same(before.targets ?? {}, after.targets ?? {})) details.push('targets changed');
  if (!same(before.prerequisites ?? [], after.prerequisites ?? [])) details.push('prerequisites changed');
  if (!same(before.schedule, after.schedule)) details.push(`schedule ${describeSchedule(before.schedule)} -> ${describeSchedule(after.schedule)}`);
  details.push(...describeRuleChanges(before.rules ?? [], after.rules ?? []));
  if (before.salt !== after.salt) details.push('salt changed (every rollout re-buckets)');
  if (!same(before.metadata ?? {}, after.metadata ?? {})) details.push('metadata changed');
  if (before.description !== after.description) details.push('description changed');
  return details;
}

function describeVariants(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): string[] {
  const details: string[] = [];
  const added = Object.keys(after).filter((name) => !Object.hasOwn(before, name));
  const removed = Object.keys(before).filter((name) => !Object.hasOwn(after, name));
  if (added.length > 0) details.push(`variants added: ${added.join(', ')}`);
  if (removed.length > 0) details.push(`variants removed: ${removed.join(', ')}`);
  for (const name of Object.keys(after)) {
    if (Object.hasOwn(before, name) && !same(before[name], after[name])) {
      details.push(`variant ${name} ${canonicalJson(before[name])} -> ${canonicalJson(after[name])}`);
    }
  }
  return details;
}

/** The README's rule: an explicit offVariant, else a variant named `off`, else defaultVariant. */
function offVariantOf(flag: Flag, defaultVariant: string): string {
  if (flag.offVariant !== undefined) return flag.offVariant;
  return Object.hasOwn(flag.variants ?? BOOLEAN_VARIANTS, 'off') ? 'off' : defaultVariant;
}

function describeSchedule(schedule: Flag['schedule']): string {
  if (schedule === undefined || (schedule.from === undefined && schedule.until === undefined)) return 'none';
  return `${schedule.from ?? '(open)'} .. ${schedule.until ?? '(open)'}`;
}

function listDifference(of: readonly string[] | undefined, without: readonly string[] | undefined): string[] {
  const exclude = new Set(without ?? []);
  return (of ?? []).filter((item) => !exclude.has(item));
}

/** Deep equality as the checksum sees it: key order in the files does not matter. */
export function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
