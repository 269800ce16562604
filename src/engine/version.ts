import type SemVer from 'semver/classes/semver';
import parseSemver from 'semver/functions/parse';

/**
 * A parsed SemVer 2.0.0 version. Plain `MAJOR.MINOR.PATCH` (what clients send almost always) is
 * parsed by a digit scan, because the semver package's parse costs about 200 ns and a bulk
 * evaluation compares the same attribute for hundreds of flags; anything with a prerelease or
 * build part goes through the semver package, which also orders prereleases.
 */
export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Set only when the version has a prerelease part (build metadata does not affect order). */
  readonly full: SemVer | null;
}

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const DOT = 46;
/** Longest digit run that stays an exact integer (the semver package caps at MAX_SAFE_INTEGER too). */
const MAX_DIGITS = 15;

function plainVersion(text: string): Version | null {
  let major = 0;
  let minor = 0;
  let part = 0;
  let number = 0;
  let digits = 0;
  let leadingZero = false;
  for (let i = text.charCodeAt(0) === 118 /* v */ ? 1 : 0; i <= text.length; i++) {
    const code = i === text.length ? DOT : text.charCodeAt(i);
    if (code === DOT) {
      // SemVer 2.0.0 section 2: non-negative integers without leading zeroes.
      if (digits === 0 || digits > MAX_DIGITS || (leadingZero && digits > 1)) return null;
      if (part === 2) return i === text.length ? { major, minor, patch: number, full: null } : null;
      if (part === 0) major = number;
      else minor = number;
      part++;
      number = 0;
      digits = 0;
    } else if (code >= DIGIT_0 && code <= DIGIT_9) {
      if (digits === 0) leadingZero = code === DIGIT_0;
      number = number * 10 + (code - DIGIT_0);
      digits++;
    } else {
      return null;
    }
  }
  return null;
}

/** Parses a strict SemVer version (a leading `v` tolerated, as the semver package does); null otherwise. */
export function parseVersion(value: unknown): Version | null {
  if (typeof value !== 'string') return null;
  const plain = plainVersion(value);
  if (plain !== null) return plain;
  const full = parseSemver(value);
  if (full === null) return null;
  return { major: full.major, minor: full.minor, patch: full.patch, full: full.prerelease.length > 0 ? full : null };
}

/** Orders two versions as SemVer 2.0.0 section 11 does: negative, zero or positive. */
export function compareVersions(a: Version, b: Version): number {
  if (a.major !== b.major) return a.major < b.major ? -1 : 1;
  if (a.minor !== b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch !== b.patch) return a.patch < b.patch ? -1 : 1;
  if (a.full === null) return b.full === null ? 0 : 1;
  if (b.full === null) return -1;
  return a.full.comparePre(b.full);
}

