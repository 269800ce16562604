import type { OperatorSpec, PlainOperator, ValueTest } from './operator.ts';
import { conditionValues } from './operator.ts';

function foldCase(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

/** Strict JSON equality with any listed value; `ignoreCase` folds strings on both sides. */
const equalsAny: PlainOperator = {
  kind: 'plain',
  compile(condition): ValueTest {
    const listed = conditionValues(condition);
    if (condition.ignoreCase === true) {
      const folded = new Set(listed.map(foldCase));
      return (value) => folded.has(foldCase(value));
    }
    if (listed.length === 1) {
      const only = listed[0];
      return (value) => value === only;
    }
    const set = new Set<unknown>(listed);
    return (value) => set.has(value);
  },
};

export const equalityOperators = {
  in: { implementation: equalsAny, invert: false },
  eq: { implementation: equalsAny, invert: false },
  not_in: { implementation: equalsAny, invert: true },
  neq: { implementation: equalsAny, invert: true },
} satisfies Record<string, OperatorSpec>;
