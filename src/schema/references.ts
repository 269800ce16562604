import type { Condition, Flag, Segment } from '../engine/document.ts';
import { didYouMean } from './closest-name.ts';
import type { Issue, IssuePath } from './issue.ts';
import { unknownVariant, variantNamesOf } from './variant-names.ts';

/** What cross-field checks see: every key, and the entry when its own shape was valid. */
export interface Entries<T> {
  readonly keys: ReadonlySet<string>;
  readonly valid: ReadonlyMap<string, T>;
}

function segmentOf(condition: Condition): ['in_segment' | 'not_in_segment', string] | null {
  if ('in_segment' in condition) return ['in_segment', condition.in_segment];
  if ('not_in_segment' in condition) return ['not_in_segment', condition.not_in_segment];
  return null;
}

function checkSegmentUse(path: IssuePath, conditions: readonly Condition[], segments: ReadonlySet<string>, issues: Issue[]): void {
  conditions.forEach((condition, i) => {
    const used = segmentOf(condition);
    if (used === null || segments.has(used[1])) return;
    const known = [...segments];
    issues.push({
      code: 'unknown_segment',
      path: [...path, i, used[0]],
      message: `unknown segment ${JSON.stringify(used[1])}${didYouMean(used[1], known)}`,
      fix: known.length === 0 ? 'define it under segments:' : `use one of: ${known.join(', ')}, or define it under segments:`,
    });
  });
}

/** Segments are flat: a segment using a segment would make membership depend on evaluation order. */
export function checkSegments(segments: Entries<Segment>, issues: Issue[]): void {
  for (const [key, segment] of segments.valid) {
    (segment.when ?? []).forEach((condition, i) => {
      const used = segmentOf(condition);
      if (used === null) return;
      issues.push({
        code: 'nested_segment',
        path: ['segments', key, 'when', i, used[0]],
        message: `segment "${key}" refers to segment "${used[1]}", and segments cannot refer to segments`,
        fix: `copy the conditions of "${used[1]}" into "${key}", or test both segments in the flag's rule`,
      });
    });
  }
}

/** Segment names in rules and prerequisite flags and variants must exist. */
export function checkFlagReferences(flags: Entries<Flag>, segments: ReadonlySet<string>, issues: Issue[]): void {
  for (const [key, flag] of flags.valid) {
    (flag.rules ?? []).forEach((rule, i) => checkSegmentUse(['flags', key, 'rules', i, 'when'], rule.when ?? [], segments, issues));
    (flag.prerequisites ?? []).forEach((prerequisite, i) => {
      const path: IssuePath = ['flags', key, 'prerequisites', i];
      if (!flags.keys.has(prerequisite.flag)) {
        issues.push({
          code: 'unknown_flag',
          path: [...path, 'flag'],
          message: `unknown prerequisite flag ${JSON.stringify(prerequisite.flag)}${didYouMean(prerequisite.flag, flags.keys)}`,
          fix: 'name a flag defined under flags:',
        });
        return;
      }
      const other = flags.valid.get(prerequisite.flag);
      if (other === undefined) return;
      const known = variantNamesOf(other);
      prerequisite.variants.forEach((name, j) => {
        if (!known.includes(name)) {
          const issue = unknownVariant([...path, 'variants', j], name, known);
          issues.push({ ...issue, message: `flag "${prerequisite.flag}" has no variant ${JSON.stringify(name)}${didYouMean(name, known)}` });
        }
      });
    });
  }
}
