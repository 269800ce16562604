import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as growthbook from './growthbook-differences.ts';
import { readVectors, UNLEASH_SPEC_FILES } from './shared-vectors.ts';
import * as unleash from './unleash-differences.ts';

/** The README's "Conformance" section tells users the same story as the tests' tables. */

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const start = readme.indexOf('### Conformance');
const section = readme.slice(start, readme.indexOf('\n## ', start));

function countsRow(source: string): number[] {
  const row = section.split('\n').find((line) => line.startsWith(`| ${source} |`));
  return (row ?? '').split('|').slice(2, 6).map((cell) => Number(cell.trim()));
}

describe('README, Evaluation, Conformance', () => {
  it('names every Unleash case that edgeflag deliberately answers otherwise', () => {
    const missing = Object.keys(unleash.deliberateDifferences).filter((id) => !section.includes(`\`${id}\``));
    expect(missing).toEqual([]);
  });

  it('names every GrowthBook case that edgeflag deliberately answers otherwise', () => {
    const missing = Object.keys(growthbook.deliberateDifferences).filter((index) => !section.includes(`[${index}]`));
    expect(missing).toEqual([]);
  });

  it('counts the cases as the tests do', () => {
    const unleashTotal = UNLEASH_SPEC_FILES.map((file) => readVectors(`unleash-client-specification/specifications/${file}.json`) as { tests?: unknown[]; variantTests?: unknown[] })
      .reduce((total, spec) => total + (spec.tests?.length ?? 0) + (spec.variantTests?.length ?? 0), 0);
    const unleashDifferent = Object.keys(unleash.deliberateDifferences).length;
    const unleashSkipped = Object.keys(unleash.notApplicable).length;
    expect(countsRow('Unleash client specification')).toEqual([unleashTotal, unleashTotal - unleashDifferent - unleashSkipped, unleashDifferent, unleashSkipped]);

    const growthbookTotal = (readVectors('growthbook/packages/sdk-js/test/cases.json') as { evalCondition: unknown[] }).evalCondition.length;
    const growthbookDifferent = Object.keys(growthbook.deliberateDifferences).length;
    const growthbookSkipped = Object.values(growthbook.notApplicable).flat().length;
    expect(countsRow('GrowthBook `evalCondition`')).toEqual([
      growthbookTotal,
      growthbookTotal - growthbookDifferent - growthbookSkipped,
      growthbookDifferent,
      growthbookSkipped,
    ]);
  });
});
