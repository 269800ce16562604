import { compile } from '../../src/engine/index.ts';
import { maximum, median, minimum } from './statistics.ts';
import { w2Document } from './workload.ts';

/** How long `compile` takes on a document of `flags` W2-style flags (five rules each). */
export interface CompileTiming {
  readonly flags: number;
  /** The first compile in the process: the compiler's own code is not optimised yet. */
  readonly coldMs: number;
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly timesMs: readonly number[];
}

const WARM_UP_RUNS = 3;

/**
 * Times `compile` alone (the Worker compiles each snapshot version once, after validating it):
 * the first call, then `runs` calls after a few untimed ones, each after a full GC.
 */
export function timeCompile(flags: number, runs: number): CompileTiming {
  const { document } = w2Document(flags, 7);
  const collectGarbage = (globalThis as { gc?: () => void }).gc;
  collectGarbage?.();
  const coldStart = performance.now();
  let kept = compile(document).flags.length;
  const coldMs = performance.now() - coldStart;
  for (let run = 0; run < WARM_UP_RUNS; run++) kept += compile(document).flags.length;
  const timesMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    collectGarbage?.();
    const started = performance.now();
    kept += compile(document).flags.length;
    timesMs.push(performance.now() - started);
  }
  const expected = flags * (1 + WARM_UP_RUNS + runs);
  if (kept !== expected) throw new Error(`compile kept ${kept} flags, expected ${expected}`);
  return { flags, coldMs, runs, medianMs: median(timesMs), minMs: minimum(timesMs), maxMs: maximum(timesMs), timesMs };
}
