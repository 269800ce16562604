import type * as z from 'zod';
import { closestName, didYouMean } from './closest-name.ts';
import type { Issue, IssuePath } from './issue.ts';
import { KEY_RULE } from './keys.ts';
import type { ProblemParams } from './report.ts';
import { fieldsAt } from './schema-fields.ts';

type ZodIssue = z.core.$ZodIssue;

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string', number: 'a number', boolean: 'a boolean', null: 'null',
  object: 'a map', record: 'a map', array: 'a list',
};

const MISSING_FIELD_FIX: Readonly<Record<string, string>> = {
  attribute: 'add attribute: the context attribute to test, e.g. tenant or app.version',
  op: 'add op: e.g. in, eq, ends_with, gte, semver_gte, before, in_cidr or exists',
  flag: 'add flag: the key of the flag this one depends on',
  variants: 'add variants:',
};

const KEY_KINDS: Readonly<Record<string, string>> = { flags: 'flag key', segments: 'segment key', variants: 'variant name' };

function valueAt(root: unknown, path: IssuePath): unknown {
  let value = root;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** A value as a reader of the file would name it. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value === 'number' ? 'the number ' : ''}${String(value)}`;
}

function orList(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** Union branches are ranked by how much of the input they reject; each unknown key counts. */
function weight(issues: readonly ZodIssue[]): number {
  return issues.reduce((sum, issue) => sum + (issue.code === 'unrecognized_keys' ? issue.keys.length : 1), 0);
}

function unknownFieldFix(key: string, match: string | undefined, fields: readonly string[]): string {
  if (match !== undefined) return `rename it to "${match}"`;
  if (key === 'negate' && fields.includes('in_segment')) return 'to negate a segment, write { not_in_segment: KEY }';
  return `remove it; the fields here are: ${fields.join(', ')}`;
}

interface Conversion {
  readonly root: z.core.$ZodType;
  readonly input: unknown;
  readonly out: Issue[];
  /** Paths of fields an unknown field was probably meant to be (JSON-encoded). */
  readonly suggested: Set<string>;
}

function wrongType(path: IssuePath, expected: readonly string[], got: unknown, conversion: Conversion): void {
  const last = path[path.length - 1];
  if (got === undefined && typeof last === 'string') {
    conversion.out.push({ code: 'missing_field', path, message: `missing required field "${last}"`, fix: MISSING_FIELD_FIX[last] ?? `add ${last}:` });
    return;
  }
  const isVariant = path.length === 4 && path[0] === 'flags' && path[2] === 'variants';
  let fix = `write ${orList(expected)}`;
  if (last === 'value' && Array.isArray(got)) fix = 'for several values, write values: [...] (any of them matches)';
  else if (isVariant) fix = 'variant values are true/false, strings, numbers or maps (JSON objects; wrap a list in a map)';
  conversion.out.push({ code: 'invalid_type', path, message: `expected ${orList(expected)}, got ${describeValue(got)}`, fix });
}

function convert(issue: ZodIssue, base: IssuePath, conversion: Conversion): void {
  const path: IssuePath = [...base, ...issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)))];
  const got = valueAt(conversion.input, path);
  const last = path[path.length - 1];
  switch (issue.code) {
    case 'custom': {
      const params = issue.params as ProblemParams | undefined;
      conversion.out.push({ code: params?.edgeflagCode ?? 'custom', path, message: issue.message, fix: params?.fix ?? '' });
      return;
    }
    case 'unrecognized_keys': {
      const fields = fieldsAt(conversion.root, path, got);
      for (const key of issue.keys) {
        const match = closestName(key, fields);
        if (match !== undefined) conversion.suggested.add(JSON.stringify([...path, match]));
        conversion.out.push({
          code: 'unknown_field',
          path: [...path, key],
          message: `unknown field ${JSON.stringify(key)}${match === undefined ? '' : ` (did you mean "${match}"?)`}`,
          fix: unknownFieldFix(key, match, fields),
          at: 'key',
        });
      }
      return;
    }
    case 'invalid_type':
      wrongType(path, [EXPECTED[issue.expected] ?? issue.expected], got, conversion);
      return;
    case 'invalid_union': {
      const branches = issue.errors;
      const allTypeErrors = branches.every((errors) => errors.length === 1 && errors[0]!.code === 'invalid_type' && errors[0]!.path.length === 0);
      if (allTypeErrors && got !== undefined) {
        const expected = branches.map((errors) => {
          const only = errors[0] as z.core.$ZodIssueInvalidType;
          return EXPECTED[only.expected] ?? only.expected;
        });
        wrongType(path, [...new Set(expected)], got, conversion);
        return;
      }
      const best = branches.reduce((a, b) => (weight(b) < weight(a) ? b : a));
      for (const inner of best) convert(inner, path, conversion);
      return;
    }
    case 'invalid_key': {
      const kind = KEY_KINDS[String(path[path.length - 2])] ?? 'key';
      conversion.out.push({ code: 'invalid_key', path, message: `${kind} ${JSON.stringify(last)} is not valid`, fix: KEY_RULE, at: 'key' });
      return;
    }
    case 'invalid_value': {
      if (got === undefined) {
        wrongType(path, [], got, conversion);
        return;
      }
      const allowed = issue.values.map(String);
      const what = last === 'op' ? 'operator' : 'value';
      conversion.out.push({
        code: 'invalid_value',
        path,
        message: `unknown ${what} ${JSON.stringify(got)}${typeof got === 'string' ? didYouMean(got, allowed) : ''}`,
        fix: `use one of: ${allowed.join(', ')}`,
      });
      return;
    }
    case 'too_small':
      conversion.out.push(
        issue.origin === 'number'
          ? { code: 'too_small', path, message: `${String(got)} is less than ${String(issue.minimum)}`, fix: `use a number from ${String(issue.minimum)}` }
          : { code: 'too_small', path, message: `${String(last)} is empty`, fix: 'give at least one' },
      );
      return;
    case 'too_big':
      conversion.out.push({ code: 'too_big', path, message: `${String(got)} is more than ${String(issue.maximum)}`, fix: `use a number up to ${String(issue.maximum)}` });
      return;
    default:
      conversion.out.push({ code: issue.code, path, message: issue.message, fix: '' });
  }
}

/** Rewrites zod's issues in a flag file reader's words, each with a fix. */
export function issuesFromZod(issues: readonly ZodIssue[], root: z.core.$ZodType, input: unknown): Issue[] {
  const conversion: Conversion = { root, input, out: [], suggested: new Set() };
  for (const issue of issues) convert(issue, [], conversion);
  // A misspelt required field is one mistake: "did you mean" says it all, "missing" would repeat it.
  return conversion.out.filter((issue) => issue.code !== 'missing_field' || !conversion.suggested.has(JSON.stringify(issue.path)));
}
