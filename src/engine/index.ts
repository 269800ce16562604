/**
 * edgeflag's pure evaluation engine: no I/O, no clock, no Node or Workers API.
 *
 * @example
 * const snapshot = compile(document);
 * const result = evaluate(snapshot, 'new-checkout', { targetingKey: 'u-1', tenant: 'acme' }, { now: Date.now() });
 */
export { compile } from './compile.ts';
export { evaluate, evaluateAll } from './evaluate.ts';
export type { CompiledSnapshot, FlagInfo, FlagType } from './snapshot.ts';
export type { EvaluationContext, EvaluationOptions } from './scope.ts';
export type * from './document.ts';
export { BOOLEAN_VARIANTS, IMPLICIT_DEFAULT_VARIANT } from './document.ts';
export type * from './result.ts';
export { bucketOf, BUCKET_COUNT } from './rollout.ts';
