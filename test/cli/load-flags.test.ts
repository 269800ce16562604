import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFlags } from '../../src/cli/load-flags.ts';
import type { Issue } from '../../src/schema/index.ts';
import { formatIssue } from '../../src/schema/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function issuesIn(path: string): Issue[] {
  const loaded = loadFlags(path, ROOT);
  return loaded.ok ? [] : loaded.issues;
}

function printed(path: string): string[] {
  return issuesIn(path).map(formatIssue);
}

/** [file:line:column, path, message] for every problem the fixture holds, in file order. */
type Expected = readonly [string, string, string];

const CASES: Record<string, readonly Expected[]> = {
  'test/fixtures/invalid/variants.yaml': [
    ['7:18', 'flags.typo-in-rule.rules[0].variant', 'unknown variant "onn" (did you mean "on"?)'],
    ['11:14', 'flags.mixed-types.variants.large', 'variant "large" is a string but "small" is a number'],
    ['13:3', 'flags.no-default', 'flag "no-default" has variants but no defaultVariant'],
    ['16:17', 'flags.unknown-off.offVariant', 'unknown variant "disabled"'],
    ['19:7', 'flags.unknown-target.targets.yes', 'unknown variant "yes"'],
    ['22:14', 'flags.list-variant.variants.items', 'expected a boolean, a string, a number or a map, got a list'],
    ['26:40', 'flags.rollout-typo.rules[0].rollout.variants.of', 'unknown variant "of" (did you mean "on"?)'],
  ],
  'test/fixtures/invalid/conditions.yaml': [
    ['7:62', 'flags.conditions.rules[0].when[0].value', '"2.3" is not a semantic version'],
    ['8:56', 'flags.conditions.rules[0].when[1].value', '"2026-12-01" is not a date-time with a time zone'],
    ['9:66', 'flags.conditions.rules[0].when[2].values[1]', '"10.0.0.0/33" is not an IP network'],
    ['10:53', 'flags.conditions.rules[0].when[3].value', 'regular expression does not compile'],
    ['11:49', 'flags.conditions.rules[0].when[4].value', 'gt compares numbers, got the string "5"'],
    ['12:54', 'flags.conditions.rules[0].when[5].value', 'exists takes no value'],
    ['13:64', 'flags.conditions.rules[0].when[6].ignoreCase', 'ignoreCase applies only to string operators, not to lt'],
    ['14:13', 'flags.conditions.rules[0].when[7]', 'in needs a value to compare with'],
    ['15:62', 'flags.conditions.rules[0].when[8].values', 'both value and values are set'],
    ['16:39', 'flags.conditions.rules[0].when[9].op', 'unknown operator "equals"'],
    ['17:15', 'flags.conditions.rules[0].when[10].atribute', 'unknown field "atribute" (did you mean "attribute"?)'],
    ['18:50', 'flags.conditions.rules[0].when[11].value', 'expected a string, a number, a boolean or null, got a list'],
  ],
  'test/fixtures/invalid/structure.yaml': [
    ['6:23', 'segments.staff.when[0].in_segment', 'segment "staff" refers to segment "internal", and segments cannot refer to segments'],
    ['8:3', 'flags["bad key"]', 'flag key "bad key" is not valid'],
    ['11:5', 'flags.typo-field.varaints', 'unknown field "varaints" (did you mean "variants"?)'],
    ['13:54', 'flags.scheduled.schedule.until', 'until (2026-01-01T00:00:00Z) is not later than from (2027-01-01T00:00:00Z)'],
    ['16:30', 'flags.rollouts.rules[0].rollout.variants', 'rollout weights sum to 90, not 100'],
    ['17:36', 'flags.rollouts.rules[1].rollout.variants.on', 'weight 33.3333 has more than 3 decimals'],
    ['17:50', 'flags.rollouts.rules[1].rollout.variants.off', 'weight 66.6667 has more than 3 decimals'],
    ['19:18', 'flags.rollouts.rules[2].rollout', 'a rule serves a variant or a rollout, not both'],
    ['20:9', 'flags.rollouts.rules[3]', 'the rule serves nothing'],
    ['23:31', 'flags.segment-typo.rules[0].when[0].in_segment', 'unknown segment "staf" (did you mean "staff"?)'],
    ['25:1', 'unknown-section', 'unknown field "unknown-section"'],
  ],
  'test/fixtures/invalid/prerequisites.yaml': [
    ['8:17', 'flags.b.prerequisites[0].flag', 'prerequisite cycle: a -> b -> a'],
    ['11:17', 'flags.c.prerequisites[0].flag', 'unknown prerequisite flag "missing"'],
    ['12:31', 'flags.c.prerequisites[1].variants[0]', 'flag "a" has no variant "yes"'],
    ['15:17', 'flags.d.prerequisites[0].flag', 'prerequisite cycle: d -> d'],
  ],
  'test/fixtures/json/flags.json': [['5:25', 'flags.dark-mode.defaultVariant', 'unknown variant "of" (did you mean "on"?)']],
};

describe('validation errors point at their file, line and path', () => {
  for (const [file, expected] of Object.entries(CASES)) {
    describe(file, () => {
      const lines = printed(file);
      for (const [position, path, message] of expected) {
        it(`${position}  ${path}  ${message}`, () => {
          const line = lines.find((candidate) => candidate.startsWith(`${file}:${position}  ${path}  `));
          expect(line, lines.join('\n')).toContain(`  ${message}`);
          expect(line).toContain('  fix: ');
        });
      }
      it('reports all of them at once, and nothing else', () => {
        expect(lines).toHaveLength(expected.length);
      });
    });
  }
});

describe('loading a folder of flag files', () => {
  it('merges segments and flags of every file, sorted and recursive', () => {
    const loaded = loadFlags('examples/flags', ROOT);
    expect(loaded.ok).toBe(true);
    expect(loaded.files).toEqual(['examples/flags/checkout.yaml', 'examples/flags/operations.yaml', 'examples/flags/pricing.yaml', 'examples/flags/segments.yaml']);
    if (loaded.ok) expect(Object.keys(loaded.document.segments ?? {})).toEqual(['internal', 'beta-customers', 'office-network']);
  });

  it('reports a key defined in two files, naming both files and lines', () => {
    expect(printed('test/fixtures/duplicates')).toEqual([
      'test/fixtures/duplicates/more-checkout.yaml:2:3  segments.internal  segment "internal" is defined twice: in test/fixtures/duplicates/checkout.yaml:2:3 and in test/fixtures/duplicates/more-checkout.yaml:2:3  fix: keep one definition (rename or remove the other)',
      'test/fixtures/duplicates/more-checkout.yaml:5:3  flags.new-checkout  flag "new-checkout" is defined twice: in test/fixtures/duplicates/checkout.yaml:5:3 and in test/fixtures/duplicates/more-checkout.yaml:5:3  fix: keep one definition (rename or remove the other)',
    ]);
  });

  it('reports YAML syntax errors with their position, and a duplicate key inside one file', () => {
    expect(printed('test/fixtures/broken')).toEqual([
      'test/fixtures/broken/duplicate-key.yaml:4:5  flags.new-checkout.enabled  duplicate key "enabled" in this map  fix: keep one of them',
      'test/fixtures/broken/syntax.yaml:3:18  YAML syntax: this quoted string is never closed  fix: close the quote, bracket or brace',
    ]);
  });

  it('points a missing field at the part that lacks it', () => {
    const [issue] = issuesIn('test/fixtures/missing-field.yaml');
    expect(issue).toMatchObject({ line: 5, column: 11, path: ['flags', 'beta', 'rules', 0, 'when', 0, 'op'] });
    expect(issue?.message).toBe('missing required field "op"');
  });

  it('reports a file that is not a map of segments and flags', () => {
    expect(printed('test/fixtures/not-a-map.yaml')).toEqual([
      'test/fixtures/not-a-map.yaml:2:1  a flag file is a map with segments: and flags:  fix: start the file with flags: (and segments: if you use them)',
    ]);
  });
});
