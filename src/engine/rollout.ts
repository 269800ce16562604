import { murmur3, murmur3Word } from './murmur3.ts';

/**
 * Number of buckets: weights are percentages with 0.001% resolution, so 100 * 1000 buckets.
 *
 * How a context lands in a bucket (documented in the README so other implementations can match it):
 *   valueHash = murmur3_x86_32(utf8(value), seed 0)
 *   saltHash  = murmur3_x86_32(utf8(salt), seed 0)          salt = flag key unless the flag sets `salt`
 *   position  = murmur3_x86_32(le32(valueHash), seed saltHash)
 *   bucket    = floor(position * 100000 / 2^32)
 * The value is hashed once per context and reused for every flag; the salted second round makes
 * buckets of different flags independent.
 */
export const BUCKET_COUNT = 100_000;
const TWO_TO_32 = 4_294_967_296;

export function saltSeed(salt: string): number {
  return murmur3(salt, 0);
}

export function valueHash(value: string): number {
  return murmur3(value, 0);
}

export function bucketFromHashes(hashOfValue: number, seedOfSalt: number): number {
  return Math.floor((murmur3Word(hashOfValue, seedOfSalt) * BUCKET_COUNT) / TWO_TO_32);
}

/** The bucket (0 to 99,999) a bucketing value falls in for a salt. @example bucketOf('new-checkout', 'user-1') */
export function bucketOf(salt: string, value: string): number {
  return bucketFromHashes(valueHash(value), saltSeed(salt));
}

/**
 * Cumulative upper bounds of each variant's bucket range, in declared order: variant i owns
 * [bounds[i-1], bounds[i]). Contiguous ranges make moving weight between two adjacent variants
 * move only contexts between those two (for a two-variant rollout: raising one only adds to it).
 */
export function rolloutBounds(weights: readonly number[]): number[] {
  const bounds: number[] = [];
  let total = 0;
  for (const weight of weights) {
    total += Math.round(weight * 1000);
    bounds.push(total);
  }
  if (bounds.length > 0) bounds[bounds.length - 1] = BUCKET_COUNT;
  return bounds;
}

/** Index of the variant whose range holds the bucket. */
export function pickVariant(bounds: ArrayLike<number>, bucket: number): number {
  let i = 0;
  while (i < bounds.length - 1 && bucket >= bounds[i]!) i++;
  return i;
}
