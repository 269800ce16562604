import type { FlagDocument } from '../engine/document.ts';
import type { Issue } from '../schema/issue.ts';
import { validateDocument } from '../schema/validate.ts';
import { readFlagFile } from './flag-file.ts';
import { displayPath, listFlagFiles } from './flag-files.ts';
import type { MergedFiles } from './merge-files.ts';
import { mergeFlagFiles } from './merge-files.ts';
import { positionOf } from './positions.ts';

export type LoadedFlags =
  | { readonly ok: true; readonly files: string[]; readonly document: FlagDocument }
  | { readonly ok: false; readonly files: string[]; readonly issues: Issue[] };

function locate(issue: Issue, merged: MergedFiles): Issue {
  const file = merged.fileOf(issue.path);
  if (file === undefined) return issue;
  const { line, column } = positionOf(file, issue.path, issue.at === 'key');
  return { ...issue, file: file.name, line, column };
}

/** Orders issues as a reader meets them: file by file, top to bottom. */
function inFileOrder(issues: Issue[], files: readonly string[]): Issue[] {
  const rank = (issue: Issue): number => (issue.file === undefined ? -1 : files.indexOf(issue.file));
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) =>
      rank(a.issue) - rank(b.issue) ||
      (a.issue.line ?? 0) - (b.issue.line ?? 0) ||
      (a.issue.column ?? 0) - (b.issue.column ?? 0) ||
      a.index - b.index)
    .map(({ issue }) => issue);
}

/**
 * Reads a flag file or folder, merges it and validates it; every issue carries its file, line and
 * column. Files with broken YAML are reported alone: checking the rest against a half-read file
 * would only add noise.
 *
 * @example const loaded = loadFlags('flags', process.cwd()); if (loaded.ok) compile(loaded.document);
 */
export function loadFlags(path: string, cwd: string): LoadedFlags {
  const files = listFlagFiles(path, cwd).map((file) => readFlagFile(file, displayPath(file, cwd)));
  const names = files.map((file) => file.name);
  const merged = mergeFlagFiles(files);
  const issues = [...files.flatMap((file) => file.issues), ...merged.issues];
  if (files.some((file) => file.contents === undefined)) return { ok: false, files: names, issues: inFileOrder(issues, names) };

  const validated = validateDocument(merged.document);
  if (!validated.ok) issues.push(...validated.issues.map((issue) => locate(issue, merged)));
  if (!validated.ok || issues.length > 0) return { ok: false, files: names, issues: inFileOrder(issues, names) };
  return { ok: true, files: names, document: validated.document };
}
