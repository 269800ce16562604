import type { OperatorSpec, ParsedOperator } from './operator.ts';
import { conditionValues, parsedOperator } from './operator.ts';

/**
 * RFC 3339 date-times (a date alone means midnight UTC). Date.parse alone would accept
 * implementation-defined text such as "1" or "March 7", so the shape is checked first.
 */
const RFC3339 = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2}))?$/;

/** Epoch milliseconds of an RFC 3339 string or of a number (already epoch milliseconds); null otherwise. */
export function parseDateTime(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || !RFC3339.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

function dateOperator(test: (subject: number, listed: number) => boolean): ParsedOperator<unknown> {
  const operator: ParsedOperator<number> = {
    kind: 'parsed',
    parseKind: 'date',
    parse: parseDateTime,
    compile(condition) {
      const listed = conditionValues(condition)
        .map(parseDateTime)
        .filter((ms): ms is number => ms !== null);
      return (subject) => {
        for (const item of listed) if (test(subject, item)) return true;
        return false;
      };
    },
  };
  return parsedOperator(operator);
}

export const dateOperators = {
  before: { implementation: dateOperator((s, v) => s < v), invert: false },
  after: { implementation: dateOperator((s, v) => s > v), invert: false },
} satisfies Record<string, OperatorSpec>;
