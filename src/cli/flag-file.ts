import { readFileSync } from 'node:fs';
import type { Document } from 'yaml';
import { LineCounter, parseDocument } from 'yaml';
import type { Issue } from '../schema/issue.ts';
import { UserError } from './errors.ts';
import { issueFromYamlError } from './yaml-errors.ts';

/** One flag file parsed with its source positions kept, so issues can point into it. */
export interface FlagFile {
  /** As shown in messages (relative to the working directory). */
  readonly name: string;
  readonly document: Document.Parsed;
  readonly lines: LineCounter;
  /** The file's value; undefined when its YAML is broken. */
  readonly contents: unknown;
  /** YAML errors: broken syntax, duplicate keys. */
  readonly issues: Issue[];
}

/** Anchors and aliases are fine; an alias bomb is not. */
const MAX_ALIAS_COUNT = 1000;

/** Reads and parses one YAML or JSON file (JSON is read by the YAML parser too, so both get positions). */
export function readFlagFile(path: string, name: string): FlagFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read ${name} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, merge: true });
  const issues: Issue[] = document.errors.map((error) => issueFromYamlError(error, document, lines, name));
  const broken = document.errors.some((error) => error.code !== 'DUPLICATE_KEY');
  let contents: unknown;
  if (!broken) {
    try {
      contents = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      issues.push({ code: 'yaml_syntax', path: [], message: (error as Error).message, fix: 'use fewer aliases', file: name, line: 1, column: 1 });
    }
  }
  return { name, document, lines, contents, issues };
}
