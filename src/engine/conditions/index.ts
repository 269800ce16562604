import type { AttributeCondition, Condition, Operator } from '../document.ts';
import type { Scope } from '../scope.ts';
import { ABSENT } from '../scope.ts';
import { cidrOperators } from './cidr.ts';
import { dateOperators } from './date.ts';
import { equalityOperators } from './equality.ts';
import { numberOperators } from './number.ts';
import type { OperatorSpec, ValueTest } from './operator.ts';
import { presenceOperators } from './presence.ts';
import { semverOperators } from './semver.ts';
import { stringOperators } from './string.ts';

/** Every operator of the flag file, in one table. */
export const OPERATORS: Readonly<Record<Operator, OperatorSpec>> = {
  ...equalityOperators,
  ...stringOperators,
  ...numberOperators,
  ...semverOperators,
  ...dateOperators,
  ...cidrOperators,
  ...presenceOperators,
};

/** What compiling a condition needs from the snapshot being compiled. */
export interface ConditionCompiler {
  /** The slot of an attribute in the per-scope attribute cache. */
  attributeSlot(attribute: string): number;
  /** A memo slot for one parse of one attribute, shared by every condition that needs it. */
  parseSlot(parseKind: string, attribute: string): number;
  /** Index of a segment, or -1 when there is no such segment. */
  segmentIndex(segmentKey: string): number;
  /** Registers an equality condition in the snapshot's EqualityIndex: its id, or -1 when not indexable. */
  indexEquality(slot: number, condition: AttributeCondition): number;
}

/** How a segment is matched; supplied by the evaluator so conditions and segments can nest. */
export type SegmentMatcher = (segmentIndex: number, scope: Scope) => boolean;

const ATTRIBUTE = 0;
const SEGMENT = 1;

/**
 * A condition compiled to one record shape, so evaluation reads monomorphic fields and makes at
 * most one call (the operator's value test) per condition.
 */
export class CompiledCondition {
  constructor(
    readonly kind: typeof ATTRIBUTE | typeof SEGMENT,
    /** Attribute slot, or segment index for segment conditions (-1: unknown segment, never matches). */
    readonly slot: number,
    /** Result inverted: negative operators, `negate`, `not_in_segment`. */
    readonly flip: boolean,
    /** Tests the raw value, or the parsed value when `parse` is set. */
    readonly test: ValueTest,
    readonly parse: ((value: unknown) => unknown) | null,
    readonly parseSlot: number,
    /** A list attribute matches when any element does; presence operators ask about the list itself. */
    readonly perElement: boolean,
    /** Id in the snapshot's EqualityIndex, or -1: bulk evaluation answers indexed conditions from the index. */
    readonly indexId: number,
  ) {}
}

const never: ValueTest = () => false;

function compileAttributeCondition(condition: AttributeCondition, compiler: ConditionCompiler): CompiledCondition {
  const spec = OPERATORS[condition.op];
  // Every operator is false on an absent attribute; the negative operators and `negate` flip that.
  const flip = spec.invert !== (condition.negate === true);
  const slot = compiler.attributeSlot(condition.attribute);
  const implementation = spec.implementation;
  if (implementation.kind === 'plain') {
    const perElement = condition.op !== 'exists' && condition.op !== 'not_exists';
    const indexId = compiler.indexEquality(slot, condition);
    return new CompiledCondition(ATTRIBUTE, slot, flip, implementation.compile(condition), null, -1, perElement, indexId);
  }
  const parseSlot = compiler.parseSlot(implementation.parseKind, condition.attribute);
  return new CompiledCondition(ATTRIBUTE, slot, flip, implementation.compile(condition), implementation.parse, parseSlot, true, -1);
}

export function compileCondition(condition: Condition, compiler: ConditionCompiler): CompiledCondition {
  if ('in_segment' in condition) return new CompiledCondition(SEGMENT, compiler.segmentIndex(condition.in_segment), false, never, null, -1, false, -1);
  if ('not_in_segment' in condition) {
    return new CompiledCondition(SEGMENT, compiler.segmentIndex(condition.not_in_segment), true, never, null, -1, false, -1);
  }
  return compileAttributeCondition(condition, compiler);
}

export function compileConditions(conditions: readonly Condition[] | undefined, compiler: ConditionCompiler): CompiledCondition[] {
  return (conditions ?? []).map((condition) => compileCondition(condition, compiler));
}

function anyElement(values: readonly unknown[], condition: CompiledCondition): boolean {
  for (const value of values) {
    if (value === undefined || value === null) continue;
    if (condition.parse === null) {
      if (condition.test(value)) return true;
    } else {
      const parsed = condition.parse(value);
      if (parsed !== null && condition.test(parsed)) return true;
    }
  }
  return false;
}

export function conditionHolds(condition: CompiledCondition, scope: Scope, matchSegment: SegmentMatcher): boolean {
  if (condition.kind === SEGMENT) return (condition.slot >= 0 && matchSegment(condition.slot, scope)) !== condition.flip;
  const value = scope.attribute(condition.slot);
  if (value === ABSENT) return condition.flip;
  if (condition.perElement && Array.isArray(value)) return anyElement(value, condition) !== condition.flip;
  if (condition.parse === null) {
    if (condition.indexId >= 0 && scope.bulk) return scope.listedInIndex(condition.slot, condition.indexId, value) !== condition.flip;
    return condition.test(value) !== condition.flip;
  }
  let parsed = scope.parsed(condition.parseSlot);
  if (parsed === undefined) {
    parsed = condition.parse(value);
    scope.remember(condition.parseSlot, parsed);
  }
  return (parsed !== null && condition.test(parsed)) !== condition.flip;
}

/** All conditions hold; an empty list always holds. */
export function allHold(conditions: readonly CompiledCondition[], scope: Scope, matchSegment: SegmentMatcher): boolean {
  for (let i = 0; i < conditions.length; i++) {
    if (!conditionHolds(conditions[i]!, scope, matchSegment)) return false;
  }
  return true;
}
