import type { StringOperator } from '../document.ts';
import type { OperatorSpec, PlainOperator, ValueTest } from './operator.ts';
import { conditionValues } from './operator.ts';

type TextOperator = Exclude<StringOperator, 'matches'>;

/** One listed value, the common case: each operator gets its own closure, so evaluation makes no further call. */
function singleValueTest(op: TextOperator, listed: string, ignoreCase: boolean): ValueTest {
  if (ignoreCase) {
    if (op === 'starts_with') return (value) => typeof value === 'string' && value.toLowerCase().startsWith(listed);
    if (op === 'ends_with') return (value) => typeof value === 'string' && value.toLowerCase().endsWith(listed);
    return (value) => typeof value === 'string' && value.toLowerCase().includes(listed);
  }
  if (op === 'starts_with') return (value) => typeof value === 'string' && value.startsWith(listed);
  if (op === 'ends_with') return (value) => typeof value === 'string' && value.endsWith(listed);
  return (value) => typeof value === 'string' && value.includes(listed);
}

function anyValueTest(op: TextOperator, listed: readonly string[], ignoreCase: boolean): ValueTest {
  const holds =
    op === 'starts_with'
      ? (subject: string, item: string) => subject.startsWith(item)
      : op === 'ends_with'
        ? (subject: string, item: string) => subject.endsWith(item)
        : (subject: string, item: string) => subject.includes(item);
  return (value) => {
    if (typeof value !== 'string') return false;
    const subject = ignoreCase ? value.toLowerCase() : value;
    for (const item of listed) if (holds(subject, item)) return true;
    return false;
  };
}

function textOperator(op: TextOperator): PlainOperator {
  return {
    kind: 'plain',
    compile(condition): ValueTest {
      const ignoreCase = condition.ignoreCase === true;
      const listed = conditionValues(condition)
        .filter((value): value is string => typeof value === 'string')
        .map((value) => (ignoreCase ? value.toLowerCase() : value));
      return listed.length === 1 ? singleValueTest(op, listed[0]!, ignoreCase) : anyValueTest(op, listed, ignoreCase);
    },
  };
}

/** Regular expressions are compiled once here; validation has already rejected ones that do not compile. */
const matches: PlainOperator = {
  kind: 'plain',
  compile(condition): ValueTest {
    const flags = condition.ignoreCase === true ? 'i' : '';
    const patterns = conditionValues(condition)
      .filter((value): value is string => typeof value === 'string')
      .map((source) => new RegExp(source, flags));
    return (value) => {
      if (typeof value !== 'string') return false;
      for (const pattern of patterns) if (pattern.test(value)) return true;
      return false;
    };
  },
};

export const stringOperators = {
  starts_with: { implementation: textOperator('starts_with'), invert: false },
  ends_with: { implementation: textOperator('ends_with'), invert: false },
  contains: { implementation: textOperator('contains'), invert: false },
  matches: { implementation: matches, invert: false },
} satisfies Record<string, OperatorSpec>;
