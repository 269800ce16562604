import type { VariantValue } from '../../src/engine/index.ts';
import type { IssueCode } from '../../src/schema/index.ts';

/**
 * Where edgeflag parts ways with Unleash's client specification, case by case. Case ids are
 * "<spec file number>/<test description>". The README section "Evaluation", "Conformance", gives
 * the same list for users.
 */

/** What a case observes of a result: Unleash's isEnabled, or its variant (in edgeflag's names). */
export interface Outcome {
  enabled?: boolean;
  variant?: string;
  value?: VariantValue;
  errorCode?: string;
}

/** edgeflag's answer: an outcome, or a validation error with this code at the toggle's flag. */
export type EdgeflagAnswer = Outcome | { rejected: IssueCode };

export interface Difference {
  reason: string;
  edgeflag: EdgeflagAnswer;
}

/** Cases whose feature edgeflag does not have. */
export const notApplicable: Readonly<Record<string, string>> = {
  '15/F9.globalSegmentOn and customField=616 yields green':
    "the variant comes from a weighted split bucketed with Unleash's MurmurHash (seed 86028157); edgeflag buckets with its own documented hash",
};

const EMPTY_LIST = 'an empty values list is a validation error in edgeflag: the condition could never hold (in) or always would (not_in), which is a mistake in a flag file';
const UNKNOWN_OPERATOR = 'an unknown operator is a validation error in edgeflag (a typo must not pass silently), not a condition that is always false';
const LEADING_V = 'edgeflag compares versions with the semver package, which accepts a leading "v" (v2.0.0 is 2.0.0) in literals and in contexts';
const UNKNOWN_SEGMENT = 'a reference to an unknown segment is a validation error in edgeflag, not a strategy that is always false';
const UNKNOWN_FLAG = 'a prerequisite on an unknown flag is a validation error in edgeflag, not a dependency that always fails';
const CYCLE = 'prerequisite cycles are a validation error in edgeflag, so no cycle reaches evaluation';
const UNKNOWN_VARIANT = 'a prerequisite naming a variant its flag does not have is a validation error in edgeflag (a typo would silently switch the flag off)';
const CHAINS = 'edgeflag evaluates prerequisite chains (a prerequisite may have prerequisites); Unleash supports one level only';
const BAD_REGEX = 'a regular expression that does not compile is a validation error in edgeflag';
const INLINE_FLAGS =
  'edgeflag patterns are JavaScript (ECMA-262) regular expressions, which have no inline (?i)/(?m)/(?s) flags: validation rejects the pattern (use ignoreCase instead of (?i))';
const POSIX_CLASS =
  'JavaScript regular expressions have no POSIX classes: [[:alpha:]] is the set "[:alph" followed by "]", so "AlphaBeta" does not match; write [A-Za-z]';
const BACKREFERENCE = 'JavaScript regular expressions support backreferences (and lookaround), which RE2 rejects: ^(a)\\1$ matches "aa"';
const BAD_CIDR = 'a value that is not an IP address or network is a validation error in edgeflag, not an entry that is skipped';

/** Cases where edgeflag deliberately answers otherwise, with edgeflag's documented answer. */
export const deliberateDifferences: Readonly<Record<string, Difference>> = {
  '09/Feature.constraints.empty should always be disabled': { reason: EMPTY_LIST, edgeflag: { rejected: 'value_count' } },
  '09/Always enabled for value not in empty list': { reason: EMPTY_LIST, edgeflag: { rejected: 'value_count' } },
  '11/Feature.constraints.no_value should not be enabled in default environment': { reason: EMPTY_LIST, edgeflag: { rejected: 'value_count' } },
  '11/Feature.constraints.no_value should not be enabled in empty environment': { reason: EMPTY_LIST, edgeflag: { rejected: 'value_count' } },
  '11/Feature.constraints.no_values_NOT_IN should be enabled in default environment': { reason: EMPTY_LIST, edgeflag: { rejected: 'value_count' } },
  '11/Feature.constraints.no_values_NOT_IN should be enabled in empty environment': { reason: EMPTY_LIST, edgeflag: { rejected: 'value_count' } },
  '13/F7.invalid-operator should always return false': { reason: UNKNOWN_OPERATOR, edgeflag: { rejected: 'invalid_value' } },
  '14/F8.invalidSemverWithLeadingV - invalid semver resolves to false': { reason: LEADING_V, edgeflag: { enabled: true } },
  '15/F9.withMissingSegment should force evaluation to false': { reason: UNKNOWN_SEGMENT, edgeflag: { rejected: 'unknown_segment' } },
  '17/Child is disabled if the specified parent does not exist.': { reason: UNKNOWN_FLAG, edgeflag: { rejected: 'unknown_flag' } },
  '17/Child yields a disabled variant in the absence of a specified parent.': { reason: UNKNOWN_FLAG, edgeflag: { rejected: 'unknown_flag' } },
  "17/Child is disabled if there's a cyclic dependency with the parent.": { reason: CYCLE, edgeflag: { rejected: 'prerequisite_cycle' } },
  '17/Child yields a disabled variant due to a cyclic dependency with the parent.': { reason: CYCLE, edgeflag: { rejected: 'prerequisite_cycle' } },
  '17/Child is enabled if its parent matches any of the specified variants.': { reason: UNKNOWN_VARIANT, edgeflag: { rejected: 'unknown_variant' } },
  '17/Child yields its variant when the parent matches any given variant.': { reason: UNKNOWN_VARIANT, edgeflag: { rejected: 'unknown_variant' } },
  "17/Child is disabled if the parent's variant does not match the specified one.": { reason: UNKNOWN_VARIANT, edgeflag: { rejected: 'unknown_variant' } },
  "17/Child yields a disabled variant if the parent's variant doesn't match the required one.": { reason: UNKNOWN_VARIANT, edgeflag: { rejected: 'unknown_variant' } },
  '17/Child is disabled if a transitive dependency exists.': { reason: CHAINS, edgeflag: { enabled: true } },
  '17/Child yields a disabled variant because of a transitive dependency.': { reason: CHAINS, edgeflag: { variant: 'parent.variant', value: 'variantValue' } },
  '21/Invalid regex should result in toggle being disabled': { reason: BAD_REGEX, edgeflag: { rejected: 'invalid_regex' } },
  '21/R03 matches ASCII alpha only': { reason: POSIX_CLASS, edgeflag: { enabled: false } },
  '21/R09 (?i) matches different case': { reason: INLINE_FLAGS, edgeflag: { rejected: 'invalid_regex' } },
  '21/R09 (?i) rejects extra chars': { reason: INLINE_FLAGS, edgeflag: { rejected: 'invalid_regex' } },
  "21/R10 (?m) matches line 'foo' inside multiline string": { reason: INLINE_FLAGS, edgeflag: { rejected: 'invalid_regex' } },
  '21/R10 without foo line would fail': { reason: INLINE_FLAGS, edgeflag: { rejected: 'invalid_regex' } },
  '21/R11 (?s) dot matches newline': { reason: INLINE_FLAGS, edgeflag: { rejected: 'invalid_regex' } },
  '21/R91 backreference should be rejected upstream; if it leaks through, it must not enable': { reason: BACKREFERENCE, edgeflag: { enabled: true } },
  '22/Valid CIDR should match even when invalid entries exist': { reason: BAD_CIDR, edgeflag: { rejected: 'invalid_cidr' } },
  '22/Invalid-only values should not match': { reason: BAD_CIDR, edgeflag: { rejected: 'invalid_cidr' } },
  '22/Valid IPv6 CIDR should match even when invalid entries exist': { reason: BAD_CIDR, edgeflag: { rejected: 'invalid_cidr' } },
};
