/** Order statistics for timing samples. */

function sorted(values: readonly number[]): number[] {
  if (values.length === 0) throw new Error('no samples');
  return [...values].sort((a, b) => a - b);
}

/** The p-th percentile (0-100), linearly interpolated between the closest ranks. */
export function percentile(values: readonly number[], p: number): number {
  const ordered = sorted(values);
  const rank = (p / 100) * (ordered.length - 1);
  const below = Math.floor(rank);
  const above = Math.min(below + 1, ordered.length - 1);
  return ordered[below]! + (ordered[above]! - ordered[below]!) * (rank - below);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function minimum(values: readonly number[]): number {
  return sorted(values)[0]!;
}

export function maximum(values: readonly number[]): number {
  return sorted(values).at(-1)!;
}
