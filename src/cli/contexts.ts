import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EvaluationContext } from '../engine/index.ts';
import { parseDateTimeLiteral } from '../schema/literals.ts';
import { describeValue } from '../schema/zod-issues.ts';
import { UsageError, UserError } from './errors.ts';

function asContext(value: unknown): EvaluationContext | string {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as EvaluationContext;
  return `a context is a JSON object, got ${describeValue(value)}`;
}

/** `--context '{"targetingKey":"u-1"}'`: one evaluation context from the command line. */
export function contextFromArgument(text: string): EvaluationContext {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--context is not JSON: ${(error as Error).message} (quote it for your shell: --context '{"targetingKey":"u-1"}')`);
  }
  const context = asContext(value);
  if (typeof context === 'string') throw new UsageError(`--context: ${context}`);
  return context;
}

/**
 * `--contexts FILE.jsonl`: one context per line (blank lines skipped). Every bad line is reported,
 * by number, before anything is evaluated, so the output never misses a line silently.
 */
export function contextsFromFile(path: string, cwd: string): EvaluationContext[] {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch (error) {
    throw new UserError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const contexts: EvaluationContext[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let context: EvaluationContext | string;
    try {
      context = asContext(JSON.parse(line));
    } catch (error) {
      context = `not JSON: ${(error as Error).message}`;
    }
    if (typeof context === 'string') problems.push(`${path}:${index + 1}: ${context}`);
    else contexts.push(context);
  });
  if (problems.length > 0) throw new UserError(`bad contexts, nothing evaluated:\n${problems.join('\n')}`);
  return contexts;
}

/** `--now`: an ISO 8601 date-time with a time zone, or epoch milliseconds. */
export function nowFromArgument(text: string | undefined, clock: () => number): number {
  if (text === undefined) return clock();
  if (/^\d+$/.test(text)) return Number(text);
  const ms = parseDateTimeLiteral(text);
  if (ms === null) throw new UsageError(`--now ${text} is not a date-time: write e.g. --now 2026-12-01T00:00:00Z (or epoch milliseconds)`);
  return ms;
}
