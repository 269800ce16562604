import type { LoadCase } from '../http/load.ts';
import { loadOnce } from '../http/load.ts';
import type { ProcessCpu } from './process-cpu.ts';

/** One case's figures over all rounds. */
export interface CaseFigures {
  readonly name: string;
  readonly requestsPerSecond: number;
  /** Milliseconds, mean over rounds (autocannon resolves whole milliseconds). */
  readonly p50: number;
  readonly p99: number;
  readonly failures: number;
  /** CPU the Workers runtime spent per request, in microseconds (undefined where /proc is not readable). */
  readonly cpuMicros: number | undefined;
}

export interface PairedFigures {
  readonly baseline: CaseFigures;
  readonly candidate: CaseFigures;
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
  for (const loadCase of [baseline, candidate]) await loadOnce(loadCase, options.warmupSeconds);
  const sums = [baseline, candidate].map(() => ({ total: 0, seconds: 0, p50: 0, p99: 0, failures: 0, cpuMs: 0 }));
  const shares: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    const rates: number[] = [0, 0];
    for (const index of order) {
      const before = options.cpu?.milliseconds();
      const figures = await loadOnce(index === 0 ? baseline : candidate, options.seconds);
      const sum = sums[index]!;
      sum.total += figures.total;
      sum.seconds += figures.seconds;
      sum.p50 += figures.p50;
      sum.p99 += figures.p99;
      sum.failures += figures.failures;
      if (before !== undefined) sum.cpuMs += options.cpu!.milliseconds() - before;
      rates[index] = figures.total / figures.seconds;
    }
    shares.push(rates[1]! / rates[0]!);
  }
  const [baselineFigures, candidateFigures] = [baseline, candidate].map((loadCase, index) => {
    const sum = sums[index]!;
    return {
      name: loadCase.name,
      requestsPerSecond: sum.total / sum.seconds,
      p50: sum.p50 / options.rounds,
      p99: sum.p99 / options.rounds,
      failures: sum.failures,
      cpuMicros: options.cpu === undefined || sum.total === 0 ? undefined : (sum.cpuMs * 1000) / sum.total,
    };
  });
  return { baseline: baselineFigures!, candidate: candidateFigures!, share: median(shares), shares };
}
