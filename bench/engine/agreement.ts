import type { Implementation, WorkloadName } from './implementation.ts';
import { ROLLOUT_ON_PERCENT } from './workload.ts';
import type { Workload } from './workload.ts';
import type { Yardstick } from './yardstick.ts';

/**
 * Before anything is timed, every implementation must compute the same thing: where the yardstick
 * decides a flag by a rule (or by default), the answer must be identical; where it falls to the
 * 10/90 split, each implementation hashes its own way, so only the share that comes out `on` is
 * compared with the split's weight.
 */
export interface Agreement {
  readonly name: string;
  readonly workload: WorkloadName;
  readonly calls: number;
  readonly decided: number;
  readonly mismatches: number;
  readonly firstMismatches: readonly string[];
  readonly splitSamples: number;
  readonly splitOnShare: number;
  readonly ok: boolean;
}

/** Allowed distance of the split's on-share from its weight: half a percentage point or five standard errors. */
function tolerance(samples: number, share: number): number {
  return Math.max(0.005, 5 * Math.sqrt((share * (1 - share)) / samples));
}

export async function checkAgreement(
  implementation: Implementation,
  yardstick: Yardstick,
  workload: Workload,
  name: WorkloadName,
  calls: number,
): Promise<Agreement> {
  const keys = name === 'W1' ? [workload.w1Key] : workload.w2Keys;
  let decided = 0;
  let mismatches = 0;
  let splitSamples = 0;
  let splitOn = 0;
  const firstMismatches: string[] = [];
  for (let call = 0; call < calls; call++) {
    const expected = yardstick.outcomes(name, call);
    const actual = await implementation.answer(name, call);
    if (actual.length !== expected.length) throw new Error(`${implementation.name} ${name}: ${actual.length} answers for ${expected.length} flags`);
    for (let f = 0; f < expected.length; f++) {
      const outcome = expected[f]!;
      const value = actual[f]!;
      if (outcome === 'rollout-on' || outcome === 'rollout-off') {
        splitSamples++;
        if (value) splitOn++;
        continue;
      }
      decided++;
      if (value !== (outcome === 'rule')) {
        mismatches++;
        const key = name === 'W3' ? keys[call % keys.length] : keys[f];
        if (firstMismatches.length < 5) {
          firstMismatches.push(`context ${call} ${JSON.stringify(workload.contexts[call % workload.contexts.length])}, flag ${key}: expected ${outcome === 'rule'}, got ${value}`);
        }
      }
    }
  }
  const share = ROLLOUT_ON_PERCENT / 100;
  const splitOnShare = splitSamples === 0 ? share : splitOn / splitSamples;
  const splitOk = splitSamples === 0 || Math.abs(splitOnShare - share) <= tolerance(splitSamples, share);
  return { name: implementation.name, workload: name, calls, decided, mismatches, firstMismatches, splitSamples, splitOnShare, ok: mismatches === 0 && splitOk };
}

/** Throws, listing every disagreement, unless all implementations agree on all workloads. */
export function assertAgreement(agreements: readonly Agreement[]): void {
  const failed = agreements.filter((agreement) => !agreement.ok);
  if (failed.length === 0) return;
  const lines = failed.map(
    (a) =>
      `  ${a.name} ${a.workload}: ${a.mismatches} of ${a.decided} rule decisions differ from the yardstick; split on-share ${(a.splitOnShare * 100).toFixed(2)}% over ${a.splitSamples} (expected ${ROLLOUT_ON_PERCENT}%)` +
      a.firstMismatches.map((line) => `\n    ${line}`).join(''),
  );
  throw new Error(`The implementations do not compute the same thing, so timing them would compare unlike work:\n${lines.join('\n')}`);
}
