import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.ts';
import { DEFAULT_KEEP, keepFromArgument, prunedLine, versionsToPrune } from '../../src/cli/history/retention.ts';

describe('retention of published versions', () => {
  it('keeps the newest N versions and prunes the rest, newest first', () => {
    expect(versionsToPrune([1, 2, 3, 4, 5], 2, 5)).toEqual([3, 2, 1]);
  });

  it('never prunes the version the pointer names, even when it is old (a pointer moved by hand)', () => {
    expect(versionsToPrune([5, 4, 3, 2, 1], 2, 1)).toEqual([3, 2]);
  });

  it('prunes nothing while there are no more versions than it keeps', () => {
    expect(versionsToPrune([3, 2, 1], 3, 3)).toEqual([]);
  });

  it(`keeps ${DEFAULT_KEEP} versions unless told otherwise, and refuses a --keep that is not a whole number >= 1`, () => {
    expect(keepFromArgument(undefined)).toBe(20);
    expect(keepFromArgument('5')).toBe(5);
    for (const bad of ['0', '-1', '2.5', 'all']) expect(() => keepFromArgument(bad)).toThrow(UsageError);
  });

  it('says in one line what it pruned, or nothing when it pruned nothing', () => {
    expect(prunedLine([3, 2, 1], 20)).toBe('Pruned 3 old versions beyond the newest 20: v1..v3.');
    expect(prunedLine([7], 5)).toBe('Pruned 1 old version beyond the newest 5: v7.');
    expect(prunedLine([], 5)).toBeUndefined();
  });
});
