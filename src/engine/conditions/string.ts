import type { OperatorSpec, PlainOperator, ValueTest } from './operator.ts';
import { conditionValues } from './operator.ts';

type StringTest = (subject: string, listed: string) => boolean;

function stringOperator(test: StringTest): PlainOperator {
  return {
    kind: 'plain',
    compile(condition): ValueTest {
      const ignoreCase = condition.ignoreCase === true;
      const listed = conditionValues(condition)
        .filter((value): value is string => typeof value === 'string')
        .map((value) => (ignoreCase ? value.toLowerCase() : value));
      if (listed.length === 1) {
        const only = listed[0]!;
        return (value) => typeof value === 'string' && test(ignoreCase ? value.toLowerCase() : value, only);
      }
      return (value) => {
        if (typeof value !== 'string') return false;
        const subject = ignoreCase ? value.toLowerCase() : value;
        for (const item of listed) if (test(subject, item)) return true;
        return false;
      };
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
  starts_with: { implementation: stringOperator((s, p) => s.startsWith(p)), invert: false },
  ends_with: { implementation: stringOperator((s, p) => s.endsWith(p)), invert: false },
  contains: { implementation: stringOperator((s, p) => s.includes(p)), invert: false },
  matches: { implementation: matches, invert: false },
} satisfies Record<string, OperatorSpec>;
