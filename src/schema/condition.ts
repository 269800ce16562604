import * as z from 'zod';
import type { AttributeCondition, Operator } from '../engine/document.ts';
import type { EdgeflagIssueCode } from './issue.ts';
import type { Problem } from './literals.ts';
import { cidrProblem, dateTimeProblem, regexProblem, semverProblem } from './literals.ts';
import { attributeProblem, reportProblem } from './report.ts';

export const OPERATORS = [
  'in', 'not_in', 'eq', 'neq',
  'starts_with', 'ends_with', 'contains', 'matches',
  'lt', 'lte', 'gt', 'gte',
  'semver_eq', 'semver_lt', 'semver_lte', 'semver_gt', 'semver_gte',
  'before', 'after',
  'in_cidr',
  'exists', 'not_exists',
] as const satisfies readonly Operator[];

/** Operators that compare strings, so `ignoreCase` means something to them. */
const CASE_FOLDING: ReadonlySet<Operator> = new Set(['in', 'not_in', 'eq', 'neq', 'starts_with', 'ends_with', 'contains', 'matches']);
const PRESENCE: ReadonlySet<Operator> = new Set(['exists', 'not_exists']);

type LiteralCheck = (value: unknown, condition: AttributeCondition) => [EdgeflagIssueCode, Problem] | null;

function kindOf(value: unknown): string {
  return typeof value === 'string' ? `the string ${JSON.stringify(value)}` : `${JSON.stringify(value)}`;
}

const needsString: LiteralCheck = (value, { op }) =>
  typeof value === 'string'
    ? null
    : ['invalid_literal', { message: `${op} compares strings, got ${kindOf(value)}`, fix: `quote it: "${String(value)}"` }];

const needsNumber: LiteralCheck = (value, { op }) =>
  typeof value === 'number' && Number.isFinite(value)
    ? null
    : ['invalid_literal', { message: `${op} compares numbers, got ${kindOf(value)}`, fix: 'write a number without quotes, e.g. 5 or 2.5' }];

function wrap(code: EdgeflagIssueCode, check: (value: unknown, condition: AttributeCondition) => Problem | null): LiteralCheck {
  return (value, condition) => {
    const problem = check(value, condition);
    return problem === null ? null : [code, problem];
  };
}

const literalChecks: Record<Operator, LiteralCheck | null> = {
  in: null, not_in: null, eq: null, neq: null,
  starts_with: needsString, ends_with: needsString, contains: needsString,
  matches: wrap('invalid_regex', (value, condition) => regexProblem(value, condition.ignoreCase === true)),
  lt: needsNumber, lte: needsNumber, gt: needsNumber, gte: needsNumber,
  semver_eq: wrap('invalid_semver', semverProblem), semver_lt: wrap('invalid_semver', semverProblem),
  semver_lte: wrap('invalid_semver', semverProblem), semver_gt: wrap('invalid_semver', semverProblem),
  semver_gte: wrap('invalid_semver', semverProblem),
  before: wrap('invalid_date', dateTimeProblem), after: wrap('invalid_date', dateTimeProblem),
  in_cidr: wrap('invalid_cidr', cidrProblem),
  exists: null, not_exists: null,
};

const NULL_PROBLEM: Problem = {
  message: 'null never matches: an attribute that is null counts as missing',
  fix: 'to test for a missing attribute, use op: not_exists',
};

/** The checks one condition can make on its own: value count, literal syntax per operator, ignoreCase. */
function checkCondition(condition: AttributeCondition, ctx: z.core.$RefinementCtx<unknown>): void {
  const { op, value, values } = condition;
  const badAttribute = attributeProblem(condition.attribute);
  if (badAttribute !== null) reportProblem(ctx, 'invalid_attribute', ['attribute'], badAttribute);
  if (condition.ignoreCase !== undefined && !CASE_FOLDING.has(op)) {
    reportProblem(ctx, 'ignore_case', ['ignoreCase'], {
      message: `ignoreCase applies only to string operators, not to ${op}`,
      fix: 'remove ignoreCase',
    });
  }
  if (PRESENCE.has(op)) {
    for (const field of ['value', 'values'] as const) {
      if (condition[field] !== undefined) {
        reportProblem(ctx, 'value_count', [field], { message: `${op} takes no ${field}`, fix: `remove ${field}` });
      }
    }
    return;
  }
  if (value !== undefined && values !== undefined) {
    reportProblem(ctx, 'value_count', ['values'], {
      message: 'both value and values are set',
      fix: 'keep one: value for one, values for several (any of them matches)',
    });
    return;
  }
  if (value === undefined && values === undefined) {
    reportProblem(ctx, 'value_count', [], {
      message: `${op} needs a value to compare with`,
      fix: 'add value: for one, or values: [...] for several (any of them matches)',
    });
    return;
  }
  if (values !== undefined && values.length === 0) {
    reportProblem(ctx, 'value_count', ['values'], {
      message: 'values is empty, so the condition could never hold',
      fix: 'list at least one value',
    });
  }
  const listed = values === undefined ? [[['value'], value] as const] : values.map((item, i) => [['values', i], item] as const);
  const check = literalChecks[op];
  for (const [path, item] of listed) {
    if (item === null) {
      reportProblem(ctx, 'invalid_literal', [...path], NULL_PROBLEM);
      continue;
    }
    const found = check?.(item, condition);
    if (found) reportProblem(ctx, found[0], [...path], found[1]);
  }
}

const literal = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const attributeConditionSchema = z
  .strictObject({
    attribute: z.string().meta({ description: 'Context attribute to test; dots reach into nested objects (app.version).' }),
    op: z.enum(OPERATORS).meta({ description: 'Operator. exists/not_exists take no value; the others take value or values.' }),
    value: literal.optional().meta({ description: 'The one value to compare with.' }),
    values: z.array(literal).optional().meta({ description: 'Several values: the condition holds when any of them matches.' }),
    negate: z.boolean().optional().meta({ description: 'Inverts the condition, including its answer for a missing attribute.' }),
    ignoreCase: z.boolean().optional().meta({ description: 'Compare strings case-insensitively (string operators only).' }),
  })
  .superRefine(checkCondition)
  .meta({ title: 'Attribute condition', description: 'Holds when the context attribute satisfies the operator.' });

export const inSegmentConditionSchema = z
  .strictObject({ in_segment: z.string().meta({ description: 'Key of a segment under segments:.' }) })
  .meta({ title: 'In segment', description: 'Holds when the context is in the segment.' });

export const notInSegmentConditionSchema = z
  .strictObject({ not_in_segment: z.string().meta({ description: 'Key of a segment under segments:.' }) })
  .meta({ title: 'Not in segment', description: 'Holds when the context is not in the segment.' });

export const conditionSchema = z
  .union([attributeConditionSchema, inSegmentConditionSchema, notInSegmentConditionSchema])
  .meta({ id: 'Condition' });

export const conditionsSchema = z
  .array(conditionSchema)
  .meta({ description: 'Conditions that must all hold.' });
