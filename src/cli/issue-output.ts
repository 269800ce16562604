import type { Issue } from '../schema/issue.ts';
import { formatIssue } from '../schema/issue.ts';

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
