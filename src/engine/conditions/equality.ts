import { toNumber } from './number.ts';
import type { OperatorSpec, PlainOperator, ValueTest } from './operator.ts';
import { conditionValues } from './operator.ts';

function foldCase(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

/**
 * Equality with any listed value: JSON equality, except that a listed number also matches numeric
 * text (as lt/gt do: contexts built from headers, cookies or query strings carry numbers as text).
 * `ignoreCase` folds strings on both sides.
 */
const equalsAny: PlainOperator = {
  kind: 'plain',
  compile(condition): ValueTest {
    const listed = conditionValues(condition);
    if (listed.length === 1 && condition.ignoreCase !== true && typeof listed[0] !== 'number') {
      const only = listed[0];
      return (value) => value === only;
    }
    const set = new Set<unknown>(condition.ignoreCase === true ? listed.map(foldCase) : listed);
    const numbers = new Set(listed.filter((value): value is number => typeof value === 'number'));
    if (numbers.size > 0) {
      return (value) => {
        if (set.has(condition.ignoreCase === true ? foldCase(value) : value)) return true;
        const number = typeof value === 'string' ? toNumber(value) : undefined;
        return number !== undefined && numbers.has(number);
      };
    }
    if (condition.ignoreCase === true) return (value) => set.has(foldCase(value));
    return (value) => set.has(value);
  },
};

export const equalityOperators = {
  in: { implementation: equalsAny, invert: false },
  eq: { implementation: equalsAny, invert: false },
  not_in: { implementation: equalsAny, invert: true },
  neq: { implementation: equalsAny, invert: true },
} satisfies Record<string, OperatorSpec>;
