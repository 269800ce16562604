import { compile, evaluate, evaluateAll } from '../../src/engine/index.ts';
import type { EvaluationOptions } from '../../src/engine/index.ts';
import type { Implementation } from './implementation.ts';
import { inOrder } from './implementation.ts';
import type { Workload } from './workload.ts';

/** edgeflag's own engine, driven exactly as the Worker drives it: compile once, then evaluate/evaluateAll. */
export function createEdgeflag(workload: Workload): Implementation {
  const contexts = workload.contexts;
  const n = contexts.length;
  const w1 = compile(workload.w1);
  const w2 = compile(workload.w2);
  const w1Key = workload.w1Key;
  const keys = workload.w2Keys;
  const options: EvaluationOptions = { now: Date.parse('2026-06-01T00:00:00Z') };

  return {
    name: 'edgeflag',
    kind: 'edgeflag',
    version: 'src/engine (this repository)',
    api: 'compile once; evaluate (W1, W3), evaluateAll (W2)',
    run(name, from, count) {
      let on = 0;
      const end = from + count;
      if (name === 'W1') {
        for (let i = from; i < end; i++) if (evaluate(w1, w1Key, contexts[i % n]!, options).value === true) on++;
      } else if (name === 'W2') {
        for (let i = from; i < end; i++) {
          const results = evaluateAll(w2, contexts[i % n]!, options);
          for (let f = 0; f < results.length; f++) if (results[f]!.value === true) on++;
        }
      } else {
        for (let i = from; i < end; i++) if (evaluate(w2, keys[i % keys.length]!, contexts[i % n]!, options).value === true) on++;
      }
      return on;
    },
    answer(name, index) {
      const context = contexts[index % n]!;
      if (name === 'W1') return [evaluate(w1, w1Key, context, options).value === true];
      if (name === 'W3') return [evaluate(w2, keys[index % keys.length]!, context, options).value === true];
      const results = evaluateAll(w2, context, options);
      return inOrder(keys, new Map(results.map((result) => [result.key, result.value === true])), 'edgeflag');
    },
    close() {},
  };
}
