import type { Version } from '../version.ts';
import { compareVersions, parseVersion } from '../version.ts';
import type { OperatorSpec, ParsedOperator } from './operator.ts';
import { conditionValues, parsedOperator } from './operator.ts';

function semverOperator(test: (order: number) => boolean): ParsedOperator<unknown> {
  const operator: ParsedOperator<Version> = {
    kind: 'parsed',
    parseKind: 'semver',
    parse: parseVersion,
    compile(condition) {
      const listed = conditionValues(condition)
        .map(parseVersion)
        .filter((version): version is Version => version !== null);
      if (listed.length === 1) {
        const only = listed[0]!;
        return (version) => test(compareVersions(version, only));
      }
      return (version) => {
        for (const item of listed) if (test(compareVersions(version, item))) return true;
        return false;
      };
    },
  };
  return parsedOperator(operator);
}

export const semverOperators = {
  semver_eq: { implementation: semverOperator((order) => order === 0), invert: false },
  semver_lt: { implementation: semverOperator((order) => order < 0), invert: false },
  semver_lte: { implementation: semverOperator((order) => order <= 0), invert: false },
  semver_gt: { implementation: semverOperator((order) => order > 0), invert: false },
  semver_gte: { implementation: semverOperator((order) => order >= 0), invert: false },
} satisfies Record<string, OperatorSpec>;
