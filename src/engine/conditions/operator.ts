import type { AttributeCondition, JsonPrimitive } from '../document.ts';

/** A test on one context value (never null, undefined or an array: the caller handles those). */
export type ValueTest = (value: unknown) => boolean;

/** An operator that reads the raw context value. */
export interface PlainOperator {
  readonly kind: 'plain';
  compile(condition: AttributeCondition): ValueTest;
}

/**
 * An operator whose context value is parsed first (a version, a date, an address). The parse is
 * memoised per evaluation, so 200 flags comparing `app.version` parse it once.
 */
export interface ParsedOperator<Parsed> {
  readonly kind: 'parsed';
  /** Names the parse, so operators sharing it share the memo. */
  readonly parseKind: string;
  parse(value: unknown): Parsed | null;
  compile(condition: AttributeCondition): (parsed: Parsed) => boolean;
}

/**
 * One operator of the flag file. `invert` makes the negative operators (not_in, neq, not_exists)
 * the exact complement of their positive twin, including on a missing attribute.
 */
export interface OperatorSpec {
  readonly implementation: PlainOperator | ParsedOperator<unknown>;
  readonly invert: boolean;
}

export function conditionValues(condition: AttributeCondition): JsonPrimitive[] {
  if (condition.values !== undefined) return condition.values;
  return condition.value === undefined ? [] : [condition.value];
}

/** Widens a typed parsed operator for the operator table (its parse feeds its own compile). */
export function parsedOperator<Parsed>(operator: ParsedOperator<Parsed>): ParsedOperator<unknown> {
  return operator as ParsedOperator<unknown>;
}
