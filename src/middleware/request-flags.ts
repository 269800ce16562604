import type { EvaluationContext, EvaluationResult } from '../engine/index.ts';

/** What `edgeflag()` leaves for later handlers in `c.get('edgeflag')`. */
export interface EdgeflagFlags {
  /** The snapshot version the flags come from; undefined when none were evaluated (fail-open). */
  readonly version: number | undefined;
  /** The context they were evaluated for (edge attributes included). */
  readonly context: EvaluationContext;
  /** Every evaluated result, OFREP-shaped; shared and frozen: never mutate one. */
  readonly results: readonly EvaluationResult[];
  /** Whether `x-edgeflag` and its signature went upstream with this request. */
  readonly forwarded: boolean;
  /** The result of one flag, if it was evaluated. */
  result(key: string): EvaluationResult | undefined;
  /** The variant name a flag resolved to, if any. */
  variant(key: string): string | undefined;
}

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by `edgeflag()` on every request it handles. */
    edgeflag: EdgeflagFlags;
  }
}

/** The results of one request, indexed by key only if a handler asks for one. */
export class RequestFlags implements EdgeflagFlags {
  readonly version: number | undefined;
  readonly context: EvaluationContext;
  readonly results: readonly EvaluationResult[];
  readonly forwarded: boolean;
  #byKey: Map<string, EvaluationResult> | undefined;

  constructor(version: number | undefined, context: EvaluationContext, results: readonly EvaluationResult[], forwarded: boolean) {
    this.version = version;
    this.context = context;
    this.results = results;
    this.forwarded = forwarded;
  }

  result(key: string): EvaluationResult | undefined {
    this.#byKey ??= new Map(this.results.map((result) => [result.key, result]));
    return this.#byKey.get(key);
  }

  variant(key: string): string | undefined {
    return this.result(key)?.variant;
  }
}
