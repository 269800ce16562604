import type { SemverOperator } from '../document.ts';
import type { Version } from '../version.ts';
import { compareVersions, parseVersion } from '../version.ts';
import type { OperatorSpec, ParsedOperator } from './operator.ts';
import { conditionValues, parsedOperator } from './operator.ts';

type VersionTest = (version: Version) => boolean;

/** One listed version, the common case: each operator gets its own closure, so evaluation makes no further call. */
function singleVersionTest(op: SemverOperator, listed: Version): VersionTest {
  switch (op) {
    case 'semver_eq':
      return (version) => compareVersions(version, listed) === 0;
    case 'semver_lt':
      return (version) => compareVersions(version, listed) < 0;
    case 'semver_lte':
      return (version) => compareVersions(version, listed) <= 0;
    case 'semver_gt':
      return (version) => compareVersions(version, listed) > 0;
    case 'semver_gte':
      return (version) => compareVersions(version, listed) >= 0;
  }
}

function semverOperator(op: SemverOperator): ParsedOperator<unknown> {
  const operator: ParsedOperator<Version> = {
    kind: 'parsed',
    parseKind: 'semver',
    parse: parseVersion,
    compile(condition) {
      const tests = conditionValues(condition)
        .map(parseVersion)
        .filter((version): version is Version => version !== null)
        .map((version) => singleVersionTest(op, version));
      if (tests.length === 1) return tests[0]!;
      return (version) => tests.some((test) => test(version));
    },
  };
  return parsedOperator(operator);
}

export const semverOperators = {
  semver_eq: { implementation: semverOperator('semver_eq'), invert: false },
  semver_lt: { implementation: semverOperator('semver_lt'), invert: false },
  semver_lte: { implementation: semverOperator('semver_lte'), invert: false },
  semver_gt: { implementation: semverOperator('semver_gt'), invert: false },
  semver_gte: { implementation: semverOperator('semver_gte'), invert: false },
} satisfies Record<string, OperatorSpec>;
