import type { IssueCode } from '../../src/schema/index.ts';
import type { NoEquivalentKind } from './growthbook-translate.ts';

/**
 * Where edgeflag parts ways with GrowthBook's `evalCondition` cases (cases.json, spec 0.8.0). A
 * case id is its index in that array. The README section "Evaluation", "Conformance", gives the
 * same list for users.
 */

/** Cases edgeflag has no equivalent for, by the reason the translator gives. */
export const notApplicable: Readonly<Record<NoEquivalentKind, readonly number[]>> = {
  elemMatch: [3, 4, 48, 49, 105, 106, 107, 108, 109, 110, 111, 112, 113],
  'non-list': [17, 26, 40, 47],
  'text-ordering': [75, 76, 77, 78],
  type: [81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92],
  size: [96, 97, 98, 99, 100, 101, 102, 103, 104],
  all: [116, 117, 118, 119, 120, 121, 122, 123, 124],
  'deep-equality': [129, 130, 131, 132, 133, 134, 135, 136, 137],
  malformed: [],
};

const MISSING =
  'a condition on a missing attribute is false in edgeflag (only not_exists, not_in and neq hold); GrowthBook compares the missing value as null, and null coerces to 0 in JavaScript comparisons';
const NUMERIC_TEXT =
  'a listed number also matches numeric text in edgeflag (as lt/gt do: contexts built from headers or query strings carry numbers as text), so "3" is in [1, "2", 3]';
const UNKNOWN_OPERATOR = 'an unknown operator is a validation error in edgeflag (a typo must not pass silently), not a condition that is always false';
const BAD_REGEX = 'a regular expression that does not compile is a validation error in edgeflag, not a condition that is always false';
const STRICT_SEMVER =
  'edgeflag compares versions as SemVer 2.0.0 (the semver package): a context value that is not a semantic version matches no semver operator; GrowthBook pads and rewrites loose versions ("1-2-3", "1.2.3.4", "a.b.c.d.e.f") first';
const UNKNOWN_GROUP = 'a saved group is an edgeflag segment, and a reference to an unknown segment is a validation error, not a group with no members';
const STRICT_SEMVER_LITERAL = 'edgeflag requires semver literals in flag files to be SemVer 2.0.0: validation rejects "1-2.3+build99"';

/** Cases where edgeflag deliberately answers otherwise: its answer, or the validation error it reports. */
export const deliberateDifferences: Readonly<Record<number, { reason: string; edgeflag: boolean | { rejected: IssueCode } }>> = {
  51: { reason: MISSING, edgeflag: false },
  247: { reason: NUMERIC_TEXT, edgeflag: true },
  93: { reason: UNKNOWN_OPERATOR, edgeflag: { rejected: 'invalid_value' } },
  94: { reason: BAD_REGEX, edgeflag: { rejected: 'invalid_regex' } },
  95: { reason: BAD_REGEX, edgeflag: { rejected: 'invalid_regex' } },
  220: { reason: STRICT_SEMVER, edgeflag: false },
  232: { reason: STRICT_SEMVER, edgeflag: false },
  233: { reason: STRICT_SEMVER_LITERAL, edgeflag: { rejected: 'invalid_semver' } },
  234: { reason: STRICT_SEMVER, edgeflag: false },
  235: { reason: STRICT_SEMVER, edgeflag: false },
  242: { reason: UNKNOWN_GROUP, edgeflag: { rejected: 'unknown_segment' } },
  245: { reason: UNKNOWN_GROUP, edgeflag: { rejected: 'unknown_segment' } },
};
