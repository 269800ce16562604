import type { Issue } from '../schema/issue.ts';
import { formatIssue } from '../schema/issue.ts';
import { InvalidFlagFilesError } from './errors.ts';

/** Issues as printed: one line each, then a count. */
export function issueLines(issues: readonly Issue[]): string[] {
  const files = new Set(issues.map((issue) => issue.file).filter((file) => file !== undefined));
  const count = `${issues.length} problem${issues.length === 1 ? '' : 's'}`;
  return [...issues.map(formatIssue), files.size > 0 ? `${count} in ${files.size} file${files.size === 1 ? '' : 's'}` : count];
}

/** An issue for --json output: the documented fields only. */
export function issueJson(issue: Issue): Omit<Issue, 'at'> {
  const { at: _at, ...shown } = issue;
  return shown;
}

/**
 * Refuses flag files that do not validate: each issue on its own line on stderr, then the error
 * (exit 1) saying what was not done; with `--json`, the issues are in the error object too.
 *
 * @example if (!loaded.ok) refuseInvalidFiles(loaded.issues, io, 'nothing was published (KV is unchanged)');
 */
export function refuseInvalidFiles(issues: readonly Issue[], io: { err(line: string): void }, consequence: string): never {
  for (const line of issueLines(issues)) io.err(line);
  throw new InvalidFlagFilesError(issues, `the flag files are invalid (see above): ${consequence}`);
}
