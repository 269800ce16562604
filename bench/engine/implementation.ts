/**
 * What every evaluator in the benchmark (edgeflag, the yardstick, each peer) provides, so the
 * harness times them all the same way.
 *
 * Calls are numbered: call `i` uses context `i % contexts.length`; in W3 it evaluates flag
 * `i % flags.length`, so the key cycles with the context.
 */
export type WorkloadName = 'W1' | 'W2' | 'W3';

export const WORKLOADS: readonly WorkloadName[] = ['W2', 'W3', 'W1'];

export type Kind = 'edgeflag' | 'yardstick' | 'peer';

export interface Implementation {
  readonly name: string;
  readonly kind: Kind;
  /** Package and version, or a short description for in-repo code. */
  readonly version: string;
  /** How it is driven (API calls), for the README. */
  readonly api: string;
  /**
   * Runs calls `from` to `from + count - 1` of a workload with the implementation's own loop and
   * returns how many evaluations came out `true`, so no work can be optimised away.
   */
  run(workload: WorkloadName, from: number, count: number): number | Promise<number>;
  /** The boolean value(s) of call `index`: one for W1 and W3, all W2 flags in document order for W2. */
  answer(workload: WorkloadName, index: number): readonly boolean[] | Promise<readonly boolean[]>;
  close(): void | Promise<void>;
}

/** Bulk results keyed by flag, put in the workload's flag order; a missing flag is a translation fault. */
export function inOrder(keys: readonly string[], values: ReadonlyMap<string, boolean>, who: string): boolean[] {
  return keys.map((key) => {
    const value = values.get(key);
    if (value === undefined) throw new Error(`${who}: bulk evaluation returned no boolean for flag "${key}"`);
    return value;
  });
}
