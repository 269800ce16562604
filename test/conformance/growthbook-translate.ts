import type { AttributeCondition, Condition, FlagDocument, JsonPrimitive, Operator, Rule, Segment } from '../../src/engine/index.ts';

/**
 * Translates a GrowthBook condition (its Mongo-style targeting language, sdk-js `mongrule.ts`)
 * into one edgeflag boolean flag: `$and`/`$or`/`$not`/`$nor` become rules in disjunctive normal
 * form (each rule an AND of conditions, the first match serving `on`), field operators become
 * edgeflag operators, saved groups become segments. What has no equivalent throws NoEquivalent.
 */

/** Why a GrowthBook condition has no edgeflag translation. */
export type NoEquivalentKind = 'elemMatch' | 'size' | 'type' | 'all' | 'deep-equality' | 'non-list' | 'text-ordering' | 'malformed';

export class NoEquivalent extends Error {
  constructor(
    readonly kind: NoEquivalentKind,
    message: string,
  ) {
    super(message);
  }
}

type Formula =
  | { kind: 'atom'; condition: AttributeCondition | { in_segment: string } }
  | { kind: 'and' | 'or'; items: Formula[] }
  | { kind: 'not'; item: Formula };

const TRUE: Formula = { kind: 'and', items: [] };

function atom(attribute: string, op: Operator, argument: { value?: JsonPrimitive; values?: JsonPrimitive[] }, extra?: Partial<AttributeCondition>): Formula {
  return { kind: 'atom', condition: { attribute, op, ...argument, ...extra } };
}

function isPrimitive(value: unknown): value is JsonPrimitive {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0 && Object.keys(value).every((key) => key.startsWith('$'));
}

/** GrowthBook treats an absent attribute as null, so `x: null` means "absent or null": edgeflag's not_exists. */
function equals(attribute: string, expected: unknown, negate: boolean): Formula {
  if (expected === null) return atom(attribute, negate ? 'exists' : 'not_exists', {});
  if (!isPrimitive(expected)) throw new NoEquivalent('deep-equality', 'equality with a whole array or object: edgeflag compares primitive values');
  return atom(attribute, negate ? 'neq' : 'eq', { value: expected });
}

function list(operator: string, argument: unknown): JsonPrimitive[] {
  if (!Array.isArray(argument) || !argument.every(isPrimitive)) {
    throw new NoEquivalent('non-list', `${operator} with a non-list argument: edgeflag's in and not_in take a list of values`);
  }
  return argument;
}

/** A number literal; GrowthBook also compares numeric text as numbers, edgeflag files write numbers. */
function numberLiteral(operator: string, argument: unknown): number {
  if (typeof argument === 'number') return argument;
  if (typeof argument === 'string' && argument.trim() !== '' && Number.isFinite(Number(argument))) return Number(argument);
  throw new NoEquivalent('text-ordering', `${operator} on text orders strings: edgeflag's lt/lte/gt/gte compare numbers only`);
}

const COMPARISONS: Readonly<Record<string, Operator>> = { $gt: 'gt', $gte: 'gte', $lt: 'lt', $lte: 'lte' };
const VERSIONS: Readonly<Record<string, Operator>> = {
  $veq: 'semver_eq',
  $vgt: 'semver_gt',
  $vgte: 'semver_gte',
  $vlt: 'semver_lt',
  $vlte: 'semver_lte',
};

function groupSegmentKey(group: string, attribute: string): string {
  return `${group}.${attribute}`;
}

function operator(attribute: string, name: string, argument: unknown, groups: Map<string, Segment>, savedGroups: Readonly<Record<string, JsonPrimitive[]>>): Formula {
  const comparison = COMPARISONS[name];
  if (comparison !== undefined) return atom(attribute, comparison, { value: numberLiteral(name, argument) });
  const version = VERSIONS[name];
  if (version !== undefined) {
    if (typeof argument !== 'string') throw new NoEquivalent('malformed', `${name} without a version`);
    return atom(attribute, version, { value: argument });
  }
  switch (name) {
    case '$eq':
      return equals(attribute, argument, false);
    case '$ne':
      return equals(attribute, argument, true);
    case '$in':
      return atom(attribute, 'in', { values: list(name, argument) });
    case '$nin':
      return atom(attribute, 'not_in', { values: list(name, argument) });
    case '$ini':
      return atom(attribute, 'in', { values: list(name, argument) }, { ignoreCase: true });
    case '$nini':
      return atom(attribute, 'not_in', { values: list(name, argument) }, { ignoreCase: true });
    case '$regex':
    case '$regexi':
      if (typeof argument !== 'string') throw new NoEquivalent('malformed', `${name} without a pattern`);
      return atom(attribute, 'matches', { value: argument }, name === '$regexi' ? { ignoreCase: true } : {});
    case '$exists':
      return atom(attribute, argument === false ? 'not_exists' : 'exists', {});
    case '$vne':
      if (typeof argument !== 'string') throw new NoEquivalent('malformed', '$vne without a version');
      return atom(attribute, 'semver_eq', { value: argument }, { negate: true });
    case '$not':
      return { kind: 'not', item: fieldCondition(attribute, argument, groups, savedGroups) };
    case '$inGroup':
    case '$notInGroup': {
      if (typeof argument !== 'string') throw new NoEquivalent('malformed', `${name} without a group id`);
      const key = groupSegmentKey(argument, attribute);
      const members = savedGroups[argument];
      // An unknown group gets no segment, so the reference is dangling, as in GrowthBook.
      if (members !== undefined) groups.set(key, { when: [{ attribute, op: 'in', values: members }] });
      const inSegment: Formula = { kind: 'atom', condition: { in_segment: key } };
      return name === '$inGroup' ? inSegment : { kind: 'not', item: inSegment };
    }
    case '$elemMatch':
      throw new NoEquivalent('elemMatch', '$elemMatch: edgeflag tests list attributes element by element with its own operators, not with a nested condition');
    case '$size':
      throw new NoEquivalent('size', '$size: edgeflag has no operator on the length of a list');
    case '$type':
      throw new NoEquivalent('type', '$type: edgeflag has no operator on the JSON type of an attribute');
    case '$all':
    case '$alli':
      throw new NoEquivalent('all', `${name}: edgeflag's list operators hold when any element matches, never "all of"`);
    default:
      // Not a GrowthBook operator either: kept verbatim so that validation reports it, as it would a typo.
      return atom(attribute, name as Operator, { value: argument as JsonPrimitive });
  }
}

function fieldCondition(attribute: string, expected: unknown, groups: Map<string, Segment>, savedGroups: Readonly<Record<string, JsonPrimitive[]>>): Formula {
  if (!isOperatorObject(expected)) return equals(attribute, expected, false);
  return { kind: 'and', items: Object.entries(expected).map(([name, argument]) => operator(attribute, name, argument, groups, savedGroups)) };
}

function formulaOf(condition: unknown, groups: Map<string, Segment>, savedGroups: Readonly<Record<string, JsonPrimitive[]>>): Formula {
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) throw new NoEquivalent('malformed', 'a condition that is not an object');
  const items = Object.entries(condition).map(([key, value]): Formula => {
    const sub = (item: unknown) => formulaOf(item, groups, savedGroups);
    switch (key) {
      // mongrule: an empty $or passes, so it is TRUE here, not the empty disjunction.
      case '$or':
        return Array.isArray(value) && value.length === 0 ? TRUE : { kind: 'or', items: (value as unknown[]).map(sub) };
      case '$nor':
        return { kind: 'not', item: Array.isArray(value) && value.length === 0 ? TRUE : { kind: 'or', items: (value as unknown[]).map(sub) } };
      case '$and':
        return { kind: 'and', items: (value as unknown[]).map(sub) };
      case '$not':
        return { kind: 'not', item: sub(value) };
      default:
        return fieldCondition(key, value, groups, savedGroups);
    }
  });
  return { kind: 'and', items };
}

function negated(condition: AttributeCondition | { in_segment: string }): Condition {
  if ('in_segment' in condition) return { not_in_segment: condition.in_segment };
  const { negate, ...plain } = condition;
  return negate === true ? plain : { ...plain, negate: true };
}

/** Disjunctive normal form: a list of conjunctions; negation is pushed down to the atoms (De Morgan). */
function dnf(formula: Formula, negate: boolean): Condition[][] {
  switch (formula.kind) {
    case 'atom':
      return [[negate ? negated(formula.condition) : formula.condition]];
    case 'not':
      return dnf(formula.item, !negate);
    case 'and':
    case 'or': {
      const parts = formula.items.map((item) => dnf(item, negate));
      const conjunctive = (formula.kind === 'and') !== negate;
      if (!conjunctive) return parts.flat();
      return parts.reduce<Condition[][]>((product, part) => product.flatMap((left) => part.map((right) => [...left, ...right])), [[]]);
    }
  }
}

/** A document with one flag, `condition`, that serves `on` exactly when GrowthBook's condition holds. */
export function translateCondition(condition: unknown, savedGroups: Readonly<Record<string, JsonPrimitive[]>> = {}): FlagDocument {
  const groups = new Map<string, Segment>();
  const conjunctions = dnf(formulaOf(condition, groups, savedGroups), false);
  const rules = conjunctions.map((when, index): Rule => (when.length === 0 ? { name: `term ${index + 1}`, variant: 'on' } : { name: `term ${index + 1}`, when, variant: 'on' }));
  return {
    segments: Object.fromEntries(groups),
    flags: { condition: { variants: { on: true, off: false }, defaultVariant: 'off', rules } },
  };
}
