import type { LoadCase, LoadFigures } from './load.ts';
import type { ProcessCpu } from './process-cpu.ts';
import { emptySums, figuresOf, loadOnce, loadRound } from './load.ts';
import { median } from '../engine/statistics.ts';

/** One case compared with the baseline. */
export interface ComparedFigures {
  readonly figures: LoadFigures;
  /** Median over rounds of this case's / the baseline's requests per second. */
  readonly share: number;
  readonly shares: readonly number[];
}

export interface PairedFigures {
  readonly baseline: LoadFigures;
  /** In the order given. */
  readonly compared: readonly ComparedFigures[];
}

/**
 * Loads the baseline and the other cases in alternating order (forward in one round, backward in
 * the next) so that drift of a shared machine (other processes, a heap growing, the clock speed)
 * falls on all alike, and compares each with the baseline round by round: a share is the median of
 * the per-round ratios, which one noisy round cannot move the way it moves a ratio of sums.
 */
export async function loadPaired(
  baseline: LoadCase,
  others: readonly LoadCase[],
  options: { rounds: number; seconds: number; warmupSeconds: number; cpu: ProcessCpu | undefined },
): Promise<PairedFigures> {
  const cases = [baseline, ...others];
  for (const loadCase of cases) await loadOnce(loadCase, options.warmupSeconds);
  const sums = cases.map(emptySums);
  const shares: number[][] = others.map(() => []);
  const forward = cases.map((_, index) => index);
  const backward = [...forward].reverse();
  for (let round = 0; round < options.rounds; round++) {
    const rates = cases.map(() => 0);
    for (const index of round % 2 === 0 ? forward : backward) rates[index] = await loadRound(cases[index]!, options.seconds, sums[index]!, options.cpu);
    for (let other = 0; other < others.length; other++) shares[other]!.push(rates[other + 1]! / rates[0]!);
  }
  return {
    baseline: figuresOf(baseline.name, sums[0]!, options.rounds, options.cpu),
    compared: others.map((loadCase, other) => ({
      figures: figuresOf(loadCase.name, sums[other + 1]!, options.rounds, options.cpu),
      share: median(shares[other]!),
      shares: shares[other]!,
    })),
  };
}
