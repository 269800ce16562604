import type { LoadCase, LoadFigures } from '../http/load.ts';
import type { ProcessCpu } from '../http/process-cpu.ts';
import { emptySums, figuresOf, loadOnce, loadRound } from '../http/load.ts';

export interface PairedFigures {
  readonly baseline: LoadFigures;
  readonly candidate: LoadFigures;
  /** Median over rounds of candidate / baseline requests per second. */
  readonly share: number;
  readonly shares: readonly number[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Loads two cases in alternating order (A B, B A, A B, ...) so that drift of a shared machine
 * (other processes, a heap growing, the clock speed) falls on both alike, and compares them
 * round by round: the share is the median of the per-round ratios, which one noisy round
 * cannot move the way it moves a ratio of sums.
 */
export async function loadPaired(baseline: LoadCase, candidate: LoadCase, options: { rounds: number; seconds: number; warmupSeconds: number; cpu: ProcessCpu | undefined }): Promise<PairedFigures> {
  const cases = [baseline, candidate];
  for (const loadCase of cases) await loadOnce(loadCase, options.warmupSeconds);
  const sums = cases.map(emptySums);
  const shares: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const rates = [0, 0];
    for (const index of round % 2 === 0 ? [0, 1] : [1, 0]) rates[index] = await loadRound(cases[index]!, options.seconds, sums[index]!, options.cpu);
    shares.push(rates[1]! / rates[0]!);
  }
  return {
    baseline: figuresOf(baseline.name, sums[0]!, options.rounds, options.cpu),
    candidate: figuresOf(candidate.name, sums[1]!, options.rounds, options.cpu),
    share: median(shares),
    shares,
  };
}
