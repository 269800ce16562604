import { describe, expect, it } from 'vitest';
import type { EvaluationResult, FlagDocument } from '../../src/engine/index.ts';
import { compile, evaluate } from '../../src/engine/index.ts';
import { validateDocument } from '../../src/schema/index.ts';
import { readVectors, UNLEASH_SPEC_FILES } from './shared-vectors.ts';
import type { Outcome } from './unleash-differences.ts';
import { deliberateDifferences, notApplicable } from './unleash-differences.ts';
import type { UnleashContext, UnleashSpec, UnleashVariantAnswer } from './unleash-spec.ts';
import { translateContext, translateState } from './unleash-translate.ts';

/**
 * Unleash's client specification (v6.1.0) run through edgeflag as a user would: each spec's
 * toggles become a flag document (unleash-translate.ts), which edgeflag validates and compiles;
 * each context becomes an edgeflag context; Unleash's expected answer is compared with what
 * edgeflag serves. Differences are listed, with edgeflag's own answer, in unleash-differences.ts.
 */

interface Case {
  id: string;
  toggle: string;
  context: UnleashContext;
  expected: Outcome;
}

function variantOutcome(answer: UnleashVariantAnswer): Outcome {
  if (answer.enabled) return { variant: answer.name, value: answer.payload?.value ?? '' };
  // Unleash's "disabled" variant: the toggle's own state picks edgeflag's `on` or `off`.
  return { variant: answer.feature_enabled ? 'on' : 'off' };
}

function casesOf(file: string, spec: UnleashSpec): Case[] {
  const known = new Set(spec.state.features.map((feature) => feature.name));
  // Unleash answers false for a toggle it does not know; edgeflag answers FLAG_NOT_FOUND.
  const unknown = (toggle: string): Outcome => (known.has(toggle) ? {} : { errorCode: 'FLAG_NOT_FOUND' });
  const id = (description: string) => `${file.slice(0, 2)}/${description}`;
  return [
    ...(spec.tests ?? []).map((test) => ({
      id: id(test.description),
      toggle: test.toggleName,
      context: test.context,
      expected: { enabled: test.expectedResult, ...unknown(test.toggleName) },
    })),
    ...(spec.variantTests ?? []).map((test) => ({
      id: id(test.description),
      toggle: test.toggleName,
      context: test.context,
      expected: { ...variantOutcome(test.expectedResult), ...unknown(test.toggleName) },
    })),
  ];
}

/** Only what the expectation asks about: isEnabled (any variant but off), the variant, its value, the error. */
function observe(result: EvaluationResult, expected: Outcome): Outcome {
  const observed: Outcome = {};
  if (expected.enabled !== undefined) observed.enabled = result.variant !== undefined && result.variant !== 'off';
  if (expected.variant !== undefined) observed.variant = result.variant;
  if (expected.value !== undefined) observed.value = result.value;
  if (expected.errorCode !== undefined && result.reason === 'ERROR') observed.errorCode = result.errorCode;
  return observed;
}

/** The document without the given flags and, transitively, the flags whose prerequisites they are. */
function withoutFlags(document: FlagDocument, removed: Iterable<string>): FlagDocument {
  const gone = new Set(removed);
  const entries = Object.entries(document.flags);
  for (let size = -1; size !== gone.size; ) {
    size = gone.size;
    for (const [key, flag] of entries) if ((flag.prerequisites ?? []).some((prerequisite) => gone.has(prerequisite.flag))) gone.add(key);
  }
  return { ...document, flags: Object.fromEntries(entries.filter(([key]) => !gone.has(key))) };
}

const specs = UNLEASH_SPEC_FILES.map((file) => [file, readVectors(`unleash-client-specification/specifications/${file}.json`) as UnleashSpec] as const);
const allCases = specs.flatMap(([file, spec]) => casesOf(file, spec));

describe('Unleash client specification', () => {
  for (const [file, spec] of specs) {
    const translated = translateState(spec.state);
    const validation = validateDocument(translated.document);
    const issues = validation.ok ? [] : validation.issues;
    /** Flags edgeflag refuses: the document is evaluated without them. */
    const refused = new Set(issues.filter((issue) => issue.path[0] === 'flags').map((issue) => String(issue.path[1])));
    const accepted = validateDocument(withoutFlags(translated.document, refused));
    const snapshot = compile(accepted.ok ? accepted.document : { flags: {} });

    describe(file, () => {
      it('translates into a flag document that edgeflag accepts, once the refused flags are taken out', () => {
        expect(accepted.ok ? [] : accepted.issues).toEqual([]);
        expect(issues.filter((issue) => issue.path[0] !== 'flags')).toEqual([]);
      });

      for (const testCase of casesOf(file, spec)) {
        const skipped = notApplicable[testCase.id];
        const difference = deliberateDifferences[testCase.id];
        const answer = difference?.edgeflag ?? testCase.expected;
        if (skipped !== undefined) {
          it(`not applicable: ${testCase.id}`, () => {
            const hashedVariant = testCase.expected.variant !== undefined && translated.hashedVariants.has(testCase.toggle);
            expect(translated.notApplicable.has(testCase.toggle) || hashedVariant).toBe(true);
          });
        } else if ('rejected' in answer) {
          it(`deliberately differs: ${testCase.id}`, () => {
            const codes = issues.filter((issue) => issue.path[0] === 'flags' && issue.path[1] === testCase.toggle).map((issue) => issue.code);
            expect(codes).toContain(answer.rejected);
          });
        } else {
          it(`${difference === undefined ? 'agrees' : 'deliberately differs'}: ${testCase.id}`, () => {
            expect(translated.notApplicable.has(testCase.toggle)).toBe(false);
            if (answer.errorCode === undefined) expect(refused).not.toContain(testCase.toggle);
            const { context, now } = translateContext(testCase.context);
            expect(observe(evaluate(snapshot, testCase.toggle, context, { now }), answer)).toEqual(answer);
          });
        }
      }
    });
  }

  it('names every case once, and lists only cases that exist', () => {
    const ids = allCases.map((testCase) => testCase.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining([...Object.keys(notApplicable), ...Object.keys(deliberateDifferences)]));
  });

  it('refuses exactly the flags whose cases are listed as rejected by validation', () => {
    const rejected = new Set(
      allCases.filter((testCase) => {
        const answer = deliberateDifferences[testCase.id]?.edgeflag;
        return answer !== undefined && 'rejected' in answer;
      }).map((testCase) => testCase.toggle),
    );
    const refused = specs.flatMap(([, spec]) => {
      const validation = validateDocument(translateState(spec.state).document);
      return validation.ok ? [] : validation.issues.map((issue) => String(issue.path[1]));
    });
    expect([...new Set(refused)].sort()).toEqual([...rejected].sort());
  });
});
