import type * as z from 'zod';
import type { Flag, FlagDocument, Segment } from '../engine/document.ts';
import { flagDocumentSchema, segmentSchema } from './document.ts';
import { flagSchema } from './flag.ts';
import type { Issue } from './issue.ts';
import { checkPrerequisiteCycles } from './prerequisite-cycles.ts';
import type { Entries } from './references.ts';
import { checkFlagReferences, checkSegments } from './references.ts';
import { checkVariantNames } from './variant-names.ts';
import { issuesFromZod } from './zod-issues.ts';

export type ValidationResult = { ok: true; document: FlagDocument } | { ok: false; issues: Issue[] };

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function entriesOf<T>(value: Record<string, T> | undefined): Entries<T> {
  const valid = new Map(Object.entries(value ?? {}));
  return { keys: new Set(valid.keys()), valid };
}

/** After a failed parse, the entries whose own shape is valid still get the cross-field checks. */
function validEntriesOf<T>(input: unknown, section: string, schema: z.ZodType<T>): Entries<T> {
  const raw = isMap(input) ? input[section] : undefined;
  if (!isMap(raw)) return { keys: new Set(), valid: new Map() };
  const valid = new Map<string, T>();
  for (const [key, value] of Object.entries(raw)) {
    const parsed = schema.safeParse(value);
    if (parsed.success) valid.set(key, parsed.data);
  }
  return { keys: new Set(Object.keys(raw)), valid };
}

/**
 * Checks a flag document (files merged, or a snapshot read back from KV) and reports every problem
 * at once: the shape, then names, segments, prerequisites and cycles across flags.
 *
 * @example
 * const result = validateDocument(YAML.parse(text));
 * if (!result.ok) for (const issue of result.issues) console.log(formatIssue(issue));
 */
export function validateDocument(input: unknown): ValidationResult {
  const parsed = flagDocumentSchema.safeParse(input);
  const issues = parsed.success ? [] : issuesFromZod(parsed.error.issues, flagDocumentSchema, input);
  const segments: Entries<Segment> = parsed.success ? entriesOf(parsed.data.segments) : validEntriesOf(input, 'segments', segmentSchema);
  const flags: Entries<Flag> = parsed.success ? entriesOf(parsed.data.flags) : validEntriesOf(input, 'flags', flagSchema);

  checkSegments(segments, issues);
  checkFlagReferences(flags, segments.keys, issues);
  for (const [key, flag] of flags.valid) checkVariantNames(key, flag, issues);
  checkPrerequisiteCycles(flags.valid, issues);

  if (!parsed.success || issues.length > 0) return { ok: false, issues };
  return { ok: true, document: parsed.data };
}
