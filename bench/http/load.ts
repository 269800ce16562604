import autocannon from 'autocannon';
import type { AutocannonRequest } from 'autocannon';

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
export async function loadInRotation(cases: readonly LoadCase[], rounds: number, seconds: number, warmupSeconds: number): Promise<LoadFigures[]> {
  for (const loadCase of cases) await loadOnce(loadCase, warmupSeconds);
  const sums = cases.map(() => ({ total: 0, seconds: 0, p50: 0, p99: 0, failures: 0 }));
  for (let round = 0; round < rounds; round++) {
    for (const [index, loadCase] of cases.entries()) {
      const figures = await loadOnce(loadCase, seconds);
      const sum = sums[index]!;
      sum.total += figures.total;
      sum.seconds += figures.seconds;
      sum.p50 += figures.p50;
      sum.p99 += figures.p99;
      sum.failures += figures.failures;
    }
  }
  return cases.map((loadCase, index) => {
    const sum = sums[index]!;
    return {
      name: loadCase.name,
      requestsPerSecond: sum.total / sum.seconds,
      p50: sum.p50 / rounds,
      p99: sum.p99 / rounds,
      failures: sum.failures,
    };
  });
}
