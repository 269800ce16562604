import semverValid from 'semver/functions/valid';
import { parseNetwork } from '../engine/ip-address.ts';

/** What is wrong with a literal in a flag file, and how to fix it. */
export interface Problem {
  readonly message: string;
  readonly fix: string;
}

/** Longer patterns are refused: a flag file is not the place for them, and long ones invite catastrophic backtracking. */
export const MAX_REGEX_LENGTH = 512;

/**
 * RFC 3339 section 5.6 date-times (seconds optional, as ISO 8601 allows). A time zone is required:
 * "2026-12-01T09:00" would mean a different instant on every machine that reads it.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function fieldsInRange(match: RegExpExecArray): boolean {
  const [year, month, day, hour, minute, second, offsetHour, offsetMinute] = match.slice(1).map((part) => Number(part ?? 0));
  return (
    month! >= 1 && month! <= 12 && day! >= 1 && day! <= daysInMonth(year!, month!) &&
    hour! <= 23 && minute! <= 59 && second! <= 59 && offsetHour! <= 23 && offsetMinute! <= 59
  );
}

/**
 * Epoch milliseconds of an ISO 8601 date-time with a time zone; null for anything else.
 *
 * @example parseDateTimeLiteral('2026-12-01T00:00:00Z') // 1796083200000
 */
export function parseDateTimeLiteral(text: string): number | null {
  const match = DATE_TIME.exec(text);
  if (match === null || !fieldsInRange(match)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

export function dateTimeProblem(value: unknown): Problem | null {
  if (typeof value === 'string' && parseDateTimeLiteral(value) !== null) return null;
  const example = typeof value === 'string' && DATE_ONLY.test(value) ? `${value}T00:00:00Z` : '2026-12-01T00:00:00Z';
  return {
    message: `${JSON.stringify(value)} is not a date-time with a time zone`,
    fix: `write an ISO 8601 date-time with a time zone, e.g. "${example}"`,
  };
}

export function semverProblem(value: unknown): Problem | null {
  if (typeof value === 'string' && semverValid(value) !== null) return null;
  return {
    message: `${JSON.stringify(value)} is not a semantic version`,
    fix: 'write a full version as a string, e.g. "2.3.0" or "2.3.0-beta.1"',
  };
}

export function cidrProblem(value: unknown): Problem | null {
  if (typeof value === 'string' && parseNetwork(value) !== null) return null;
  return {
    message: `${JSON.stringify(value)} is not an IP network`,
    fix: 'write an IPv4 or IPv6 network as a string, e.g. "10.0.0.0/8" or "2001:db8::/32" (prefix 0-32 for IPv4, 0-128 for IPv6)',
  };
}

export function regexProblem(value: unknown, ignoreCase: boolean): Problem | null {
  if (typeof value !== 'string') {
    return { message: `${JSON.stringify(value)} is not a regular expression`, fix: 'write the pattern as a string' };
  }
  if (value.length > MAX_REGEX_LENGTH) {
    return {
      message: `regular expression is ${value.length} characters long, more than ${MAX_REGEX_LENGTH}`,
      fix: 'shorten it, or list the values with op: in',
    };
  }
  try {
    new RegExp(value, ignoreCase ? 'i' : '');
    return null;
  } catch (error) {
    return {
      message: `regular expression does not compile: ${(error as Error).message}`,
      fix: 'fix the pattern (JavaScript regular expression syntax)',
    };
  }
}
