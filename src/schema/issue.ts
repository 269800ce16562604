import type * as z from 'zod';

/** Problems edgeflag finds beyond the shape zod checks. */
export type EdgeflagIssueCode =
  | 'yaml_syntax'
  | 'duplicate_key'
  | 'no_flag_files'
  | 'unknown_field'
  | 'missing_field'
  | 'invalid_key'
  | 'unknown_variant'
  | 'missing_default_variant'
  | 'no_variants'
  | 'mixed_variant_types'
  | 'unknown_segment'
  | 'nested_segment'
  | 'unknown_flag'
  | 'prerequisite_cycle'
  | 'rule_action'
  | 'rollout_weights'
  | 'value_count'
  | 'invalid_literal'
  | 'invalid_semver'
  | 'invalid_date'
  | 'invalid_cidr'
  | 'invalid_regex'
  | 'schedule_order'
  | 'ignore_case'
  | 'invalid_attribute';

export type IssueCode = z.core.$ZodIssueCode | EdgeflagIssueCode;

export type IssuePath = (string | number)[];

/**
 * One problem in a flag file: zod's `{ code, path, message }` plus how to fix it and, once the CLI
 * has mapped the path into the files, where it is.
 */
export interface Issue {
  code: IssueCode;
  /** Path inside the (merged) flag document, e.g. `['flags', 'new-checkout', 'rules', 0, 'variant']`. */
  path: IssuePath;
  message: string;
  fix: string;
  file?: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
  /** The fault is the key at `path` itself (an unknown field, a duplicate key), not its value. */
  at?: 'key';
}

const PLAIN_SEGMENT = /^[A-Za-z0-9_-]+$/;

/**
 * Renders a path the way a reader finds it in the file.
 *
 * @example formatPath(['flags', 'new-checkout', 'rules', 0, 'variant']) // 'flags.new-checkout.rules[0].variant'
 */
export function formatPath(path: IssuePath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (PLAIN_SEGMENT.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/**
 * One line per issue: `file:line:column  path  message  fix: ...`.
 *
 * @example formatIssue(issue) // 'flags/checkout.yaml:12:7  flags.new-checkout.rules[0].variant  unknown variant "onn"  fix: use one of: on, off'
 */
export function formatIssue(issue: Issue): string {
  const parts: string[] = [];
  if (issue.file !== undefined) {
    parts.push(issue.line === undefined ? issue.file : `${issue.file}:${issue.line}:${issue.column ?? 1}`);
  }
  if (issue.path.length > 0) parts.push(formatPath(issue.path));
  parts.push(issue.message);
  if (issue.fix !== '') parts.push(`fix: ${issue.fix}`);
  return parts.join('  ');
}
