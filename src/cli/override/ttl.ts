import { UsageError } from '../errors.ts';

/** A token lives at most a week: it is a bearer credential, and a URL carrying one ends up in logs. */
export const MAX_TTL_SECONDS = 7 * 24 * 3600;

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/**
 * `--ttl` as seconds: a whole number with a unit, `90s`, `30m`, `1h`, `2d`; at most 7 days.
 *
 * @example ttlSeconds('1h') // 3600
 */
export function ttlSeconds(text: string): number {
  const match = /^(\d+)(s|m|h|d)$/.exec(text.trim());
  if (match === null) throw new UsageError(`--ttl "${text}" is not a duration: use a number and a unit, e.g. 90s, 30m, 1h or 2d`);
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  if (seconds < 1) throw new UsageError('--ttl must be at least 1s');
  if (seconds > MAX_TTL_SECONDS) throw new UsageError(`--ttl ${text} is longer than 7d: override tokens are bearer credentials, keep them short-lived`);
  return seconds;
}
