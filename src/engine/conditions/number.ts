import type { OperatorSpec, PlainOperator, ValueTest } from './operator.ts';
import { conditionValues } from './operator.ts';

const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** Numbers, and numeric strings (contexts built from headers or query strings carry numbers as text). */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
  return undefined;
}

function numberOperator(test: (subject: number, listed: number) => boolean): PlainOperator {
  return {
    kind: 'plain',
    compile(condition): ValueTest {
      const listed = conditionValues(condition).filter((value): value is number => typeof value === 'number');
      if (listed.length === 1) {
        const only = listed[0]!;
        return (value) => {
          const subject = typeof value === 'number' ? value : toNumber(value);
          return subject !== undefined && test(subject, only);
        };
      }
      return (value) => {
        const subject = toNumber(value);
        if (subject === undefined) return false;
        for (const item of listed) if (test(subject, item)) return true;
        return false;
      };
    },
  };
}

export const numberOperators = {
  lt: { implementation: numberOperator((s, v) => s < v), invert: false },
  lte: { implementation: numberOperator((s, v) => s <= v), invert: false },
  gt: { implementation: numberOperator((s, v) => s > v), invert: false },
  gte: { implementation: numberOperator((s, v) => s >= v), invert: false },
} satisfies Record<string, OperatorSpec>;
