import { describe, expect, it } from 'vitest';
import type { JsonPrimitive } from '../../src/engine/index.ts';
import { compile, evaluate } from '../../src/engine/index.ts';
import { validateDocument } from '../../src/schema/index.ts';
import { deliberateDifferences, notApplicable } from './growthbook-differences.ts';
import type { NoEquivalentKind } from './growthbook-translate.ts';
import { NoEquivalent, translateCondition } from './growthbook-translate.ts';
import { readVectors } from './shared-vectors.ts';

/**
 * GrowthBook's SDK test suite (cases.json, spec 0.8.0), group `evalCondition`: attribute
 * operators, boolean combinations, saved groups and version comparisons. Each condition becomes a
 * one-flag document (growthbook-translate.ts) that edgeflag validates, compiles and evaluates for
 * the case's attributes; `on` means GrowthBook's condition holds.
 */

type ConditionCase = [name: string, condition: unknown, attributes: Record<string, unknown>, expected: boolean, savedGroups?: Record<string, JsonPrimitive[]>];

const cases = (readVectors('growthbook/packages/sdk-js/test/cases.json') as { evalCondition: ConditionCase[] }).evalCondition;

const NOW = Date.parse('2026-01-01T00:00:00Z');

function noEquivalentKind(index: number): NoEquivalentKind | undefined {
  return (Object.keys(notApplicable) as NoEquivalentKind[]).find((kind) => notApplicable[kind].includes(index));
}

function translationFailure(condition: unknown, savedGroups: ConditionCase[4]): NoEquivalentKind | undefined {
  try {
    translateCondition(condition, savedGroups);
    return undefined;
  } catch (error) {
    if (error instanceof NoEquivalent) return error.kind;
    throw error;
  }
}

describe('GrowthBook evalCondition', () => {
  for (const [index, [name, condition, attributes, expected, savedGroups]] of cases.entries()) {
    const kind = noEquivalentKind(index);
    const difference = deliberateDifferences[index];
    if (kind !== undefined) {
      it(`not applicable (${kind}): [${index}] ${name}`, () => {
        expect(translationFailure(condition, savedGroups)).toBe(kind);
      });
    } else if (difference !== undefined && typeof difference.edgeflag === 'object') {
      const code = difference.edgeflag.rejected;
      it(`deliberately differs (edgeflag rejects it): [${index}] ${name}`, () => {
        const validation = validateDocument(translateCondition(condition, savedGroups));
        expect(validation.ok ? [] : validation.issues.map((issue) => issue.code)).toContain(code);
      });
    } else {
      const want = difference === undefined ? expected : difference.edgeflag;
      it(`${difference === undefined ? 'agrees' : 'deliberately differs'}: [${index}] ${name}`, () => {
        const validation = validateDocument(translateCondition(condition, savedGroups));
        expect(validation.ok ? [] : validation.issues).toEqual([]);
        if (!validation.ok) return;
        const result = evaluate(compile(validation.document), 'condition', attributes, { now: NOW });
        expect(result.reason).not.toBe('ERROR');
        expect(result.value).toBe(want);
      });
    }
  }

  it('lists every case at most once, and only cases that exist', () => {
    const listed = [...Object.values(notApplicable).flat(), ...Object.keys(deliberateDifferences).map(Number)];
    expect(new Set(listed).size).toBe(listed.length);
    for (const index of listed) expect(index).toBeLessThan(cases.length);
  });
});
