import type { Implementation, WorkloadName } from './implementation.ts';

/**
 * Batch timing. `performance.now()` costs about 40 ns here, as much as a whole W1 evaluation, so
 * calls are timed in batches sized to take about `batchTargetNs`; a sample is a batch's mean time
 * per call. Implementations take turns in rounds, in a rotated order, after a full GC each, so a
 * noisy neighbour or a GC owed by the previous implementation does not land on one of them only.
 */
export interface TimingPlan {
  readonly rounds: number;
  readonly warmupMs: number;
  readonly slotMs: Readonly<Record<WorkloadName, number>>;
  readonly batchTargetNs: number;
}

/** Per-evaluation times of one implementation on one workload. */
export interface Series {
  readonly name: string;
  readonly workload: WorkloadName;
  batchSize: number;
  /** Next call number: each slot continues through the contexts where the last one stopped. */
  cursor: number;
  readonly rounds: number[][];
  evaluations: number;
  sink: number;
}

const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();

/**
 * Warms an implementation up on a workload (JIT tiers, inline caches, lazy tables) for about
 * `warmupMs`, then sizes its batches from the last measured rate.
 */
export async function warmUp(implementation: Implementation, workload: WorkloadName, plan: TimingPlan): Promise<Series> {
  const series: Series = { name: implementation.name, workload, batchSize: 1, cursor: 0, rounds: [], evaluations: 0, sink: 0 };
  const deadline = performance.now() + plan.warmupMs;
  let size = 1;
  // The fastest rate seen: on a shared machine a slow batch says more about the neighbours.
  let perCallNs = Number.POSITIVE_INFINITY;
  for (;;) {
    const started = performance.now();
    const result = implementation.run(workload, series.cursor, size);
    // Sync implementations are never awaited, so they pay no microtask.
    series.sink += typeof result === 'number' ? result : await result;
    const ended = performance.now();
    series.cursor += size;
    perCallNs = Math.min(perCallNs, ((ended - started) * 1e6) / size);
    if (ended >= deadline) break;
    if (ended - started < 1) size *= 2;
  }
  series.batchSize = Math.max(1, Math.min(1_000_000, Math.round(plan.batchTargetNs / perCallNs)));
  return series;
}

/** One implementation's turn in a round: batches for about `slotMs`, after a full GC. */
export async function timeSlot(implementation: Implementation, series: Series, plan: TimingPlan): Promise<void> {
  collectGarbage();
  const samples: number[] = [];
  const size = series.batchSize;
  const deadline = performance.now() + plan.slotMs[series.workload];
  for (;;) {
    const started = performance.now();
    const result = implementation.run(series.workload, series.cursor, size);
    series.sink += typeof result === 'number' ? result : await result;
    const ended = performance.now();
    samples.push(((ended - started) * 1e6) / size);
    series.cursor += size;
    if (ended >= deadline) break;
  }
  series.evaluations += samples.length * size;
  series.rounds.push(samples);
}

/** The order implementations take in round `round`: rotated by one each round. */
export function rotation<T>(items: readonly T[], round: number): T[] {
  const shift = round % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
