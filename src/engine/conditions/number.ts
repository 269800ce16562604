import type { JsonPrimitive } from '../document.ts';
import type { OperatorSpec, PlainOperator, ValueTest } from './operator.ts';
import { conditionValues } from './operator.ts';

const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** Numbers, and numeric strings (contexts built from headers or query strings carry numbers as text). */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
  return undefined;
}

function listedNumbers(values: readonly JsonPrimitive[]): number[] {
  return values.filter((value): value is number => typeof value === 'number');
}

/**
 * With several values a comparison holds when it holds for any of them, which is a comparison
 * with the smallest (lt, lte) or the largest (gt, gte); so every number operator compares with one
 * bound, written out per operator so evaluation makes no further call.
 */
const lt: PlainOperator = {
  kind: 'plain',
  compile(condition): ValueTest {
    const bound = Math.max(...listedNumbers(conditionValues(condition)));
    return (value) => {
      const subject = typeof value === 'number' ? value : toNumber(value);
      return subject !== undefined && subject < bound;
    };
  },
};

const lte: PlainOperator = {
  kind: 'plain',
  compile(condition): ValueTest {
    const bound = Math.max(...listedNumbers(conditionValues(condition)));
    return (value) => {
      const subject = typeof value === 'number' ? value : toNumber(value);
      return subject !== undefined && subject <= bound;
    };
  },
};

const gt: PlainOperator = {
  kind: 'plain',
  compile(condition): ValueTest {
    const bound = Math.min(...listedNumbers(conditionValues(condition)));
    return (value) => {
      const subject = typeof value === 'number' ? value : toNumber(value);
      return subject !== undefined && subject > bound;
    };
  },
};

const gte: PlainOperator = {
  kind: 'plain',
  compile(condition): ValueTest {
    const bound = Math.min(...listedNumbers(conditionValues(condition)));
    return (value) => {
      const subject = typeof value === 'number' ? value : toNumber(value);
      return subject !== undefined && subject >= bound;
    };
  },
};

export const numberOperators = {
  lt: { implementation: lt, invert: false },
  lte: { implementation: lte, invert: false },
  gt: { implementation: gt, invert: false },
  gte: { implementation: gte, invert: false },
} satisfies Record<string, OperatorSpec>;
