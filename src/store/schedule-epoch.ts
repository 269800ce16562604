import type { FlagDocument } from '../engine/index.ts';

/**
 * The instants (epoch ms, ascending, distinct) at which some flag's schedule starts or ends.
 * Between two of them every evaluation of a snapshot is a pure function of the context, which is
 * what lets an ETag name "this version, this context" without evaluating anything.
 *
 * @example scheduleBoundaries({ flags: { sale: { schedule: { from: '2026-12-01T00:00:00Z' } } } }) // [1796083200000]
 */
export function scheduleBoundaries(document: FlagDocument): readonly number[] {
  const instants = new Set<number>();
  for (const flag of Object.values(document.flags)) {
    for (const text of [flag.schedule?.from, flag.schedule?.until]) {
      const ms = text === undefined ? Number.NaN : Date.parse(text);
      if (!Number.isNaN(ms)) instants.add(ms);
    }
  }
  return Object.freeze([...instants].sort((a, b) => a - b));
}

/**
 * How many boundaries lie at or before `now`: it changes exactly when some schedule opens or closes
 * (a schedule's `from` is inclusive and its `until` exclusive, so both take effect at the instant).
 *
 * @example scheduleEpoch([100, 200], 150) // 1
 */
export function scheduleEpoch(boundaries: readonly number[], now: number): number {
  let low = 0;
  let high = boundaries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (boundaries[middle]! <= now) low = middle + 1;
    else high = middle;
  }
  return low;
}
