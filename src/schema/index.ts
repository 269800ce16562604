/**
 * The flag file format: zod schema, validation with every problem at once, issue printing and the
 * JSON Schema. Pure (no Node API), so the Worker re-validates snapshots with it.
 *
 * @example
 * const result = validateDocument(document);
 * if (!result.ok) console.log(result.issues.map(formatIssue).join('\n'));
 */
export { validateDocument } from './validate.ts';
export type { ValidationResult } from './validate.ts';
export { flagFileJsonSchema } from './json-schema.ts';
export { flagDocumentSchema, segmentSchema } from './document.ts';
export { flagSchema } from './flag.ts';
export { formatIssue, formatPath } from './issue.ts';
export type { EdgeflagIssueCode, Issue, IssueCode, IssuePath } from './issue.ts';
export { KEY_PATTERN } from './keys.ts';
export { parseDateTimeLiteral } from './literals.ts';
export { closestName } from './closest-name.ts';
