import autocannon from 'autocannon';
import type { AutocannonRequest } from 'autocannon';
import type { ProcessCpu } from './process-cpu.ts';

/** One thing to load: a server and the requests its connections cycle through. */
export interface LoadCase {
  readonly name: string;
  readonly url: string;
  readonly requests: AutocannonRequest[];
}

/** One case's figures, summed over its rounds. */
export interface LoadFigures {
  readonly name: string;
  readonly requestsPerSecond: number;
  /** Milliseconds (autocannon's resolution is whole milliseconds), mean over rounds. */
  readonly p50: number;
  readonly p99: number;
  /** Responses that were not 2xx, plus errors and timeouts: any of these voids the case. */
  readonly failures: number;
  /** CPU the Workers runtime spent per request, in microseconds (undefined where /proc is not readable). */
  readonly cpuMicros: number | undefined;
}

/** What the rounds of one case add up to. */
export interface RoundSums {
  total: number;
  seconds: number;
  p50: number;
  p99: number;
  failures: number;
  cpuMs: number;
}

export function emptySums(): RoundSums {
  return { total: 0, seconds: 0, p50: 0, p99: 0, failures: 0, cpuMs: 0 };
}

/**
 * Loads one case for one round and adds it to its sums, with the CPU the server spent meanwhile.
 * Returns the round's requests per second.
 */
export async function loadRound(loadCase: LoadCase, seconds: number, sum: RoundSums, cpu: ProcessCpu | undefined): Promise<number> {
  const before = cpu?.milliseconds();
  const round = await loadOnce(loadCase, seconds);
  if (before !== undefined) sum.cpuMs += cpu!.milliseconds() - before;
  sum.total += round.total;
  sum.seconds += round.seconds;
  sum.p50 += round.p50;
  sum.p99 += round.p99;
  sum.failures += round.failures;
  return round.total / round.seconds;
}

export function figuresOf(name: string, sum: RoundSums, rounds: number, cpu: ProcessCpu | undefined): LoadFigures {
  return {
    name,
    requestsPerSecond: sum.total / sum.seconds,
    p50: sum.p50 / rounds,
    p99: sum.p99 / rounds,
    failures: sum.failures,
    cpuMicros: cpu === undefined || sum.total === 0 ? undefined : (sum.cpuMs * 1000) / sum.total,
  };
}

export const CONNECTIONS = 10;

/**
 * Loads one case for `seconds` with 10 connections and returns its raw round.
 *
 * @example const round = await loadOnce(floorCase, 8);
 */
export async function loadOnce(loadCase: LoadCase, seconds: number): Promise<{ total: number; seconds: number; p50: number; p99: number; failures: number }> {
  const result = await autocannon({ url: loadCase.url, connections: CONNECTIONS, duration: seconds, requests: loadCase.requests });
  return {
    total: result['2xx'],
    seconds: result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/**
 * Runs the cases in rotation, `rounds` times each, so slow drift of the shared machine spreads
 * over all of them; a short warm-up per case first (JIT, isolate, connection pools).
 */
export async function loadInRotation(
  cases: readonly LoadCase[],
  options: { rounds: number; seconds: number; warmupSeconds: number; cpu?: ProcessCpu | undefined },
): Promise<LoadFigures[]> {
  for (const loadCase of cases) await loadOnce(loadCase, options.warmupSeconds);
  const sums = cases.map(emptySums);
  for (let round = 0; round < options.rounds; round++) {
    for (const [index, loadCase] of cases.entries()) await loadRound(loadCase, options.seconds, sums[index]!, options.cpu);
  }
  return cases.map((loadCase, index) => figuresOf(loadCase.name, sums[index]!, options.rounds, options.cpu));
}
