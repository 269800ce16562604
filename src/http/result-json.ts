import type { ErrorResult, EvaluationResult } from '../engine/index.ts';

/**
 * JSON texts of evaluation results, kept per result object. The engine hands out the same frozen
 * result objects for every context that reaches the same outcome (src/engine/results.ts), so each
 * is serialised once per snapshot instead of once per request; the maps hold them weakly, so they go
 * with the snapshot that made them. A bulk answer of 200 flags is then 200 lookups and one join.
 */
const singleTexts = new WeakMap<EvaluationResult, string>();
const bulkTexts = new WeakMap<EvaluationResult, string>();

/** A bulk entry for an error: OFREP's evaluationFailure (key, errorCode, errorDetails), without a value. */
function bulkEntry(result: EvaluationResult): EvaluationResult | Omit<ErrorResult, 'reason' | 'value' | 'variant'> {
  if (result.reason !== 'ERROR') return result;
  const { key, errorCode, errorDetails, metadata } = result;
  return metadata === undefined ? { key, errorCode, errorDetails } : { key, errorCode, errorDetails, metadata };
}

/**
 * The body of a single-flag 200: the result exactly as `JSON.stringify` writes it.
 *
 * @example resultJson(evaluate(snapshot, 'beta', context, { now })) // '{"key":"beta","value":true,…}'
 */
export function resultJson(result: EvaluationResult): string {
  let text = singleTexts.get(result);
  if (text === undefined) {
    text = JSON.stringify(result);
    singleTexts.set(result, text);
  }
  return text;
}

/**
 * The body of a bulk 200, `{"flags":[…]}`, byte for byte what `JSON.stringify` of the entries gives.
 *
 * @example bulkJson(evaluateAll(snapshot, context, { now })) // '{"flags":[{"key":"beta",…},…]}'
 */
export function bulkJson(results: readonly EvaluationResult[]): string {
  let text = '{"flags":[';
  for (let i = 0; i < results.length; i++) {
    const result = results[i]!;
    let entry = bulkTexts.get(result);
    if (entry === undefined) {
      entry = JSON.stringify(bulkEntry(result));
      bulkTexts.set(result, entry);
    }
    text += i === 0 ? entry : ',' + entry;
  }
  return text + ']}';
}
