import type { Condition, EvaluationContext, FlagDocument } from '../../src/engine/index.ts';
import { compile, evaluate } from '../../src/engine/index.ts';

export const NOW = Date.parse('2026-06-15T12:00:00Z');

/** Whether one condition holds for a context: a flag whose only rule is that condition. */
export function holds(condition: Condition, context: EvaluationContext, segments: FlagDocument['segments'] = {}): boolean {
  const snapshot = compile({ segments, flags: { probe: { rules: [{ when: [condition], variant: 'on' }] } } });
  const result = evaluate(snapshot, 'probe', context, { now: NOW });
  if (result.reason === 'ERROR') throw new Error(`unexpected error: ${result.errorDetails}`);
  return result.variant === 'on';
}
