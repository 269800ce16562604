import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAgreement } from '../../bench/engine/agreement.ts';
import type { Implementation, WorkloadName } from '../../bench/engine/implementation.ts';
import { WORKLOADS } from '../../bench/engine/implementation.ts';
import type { Lineup } from '../../bench/engine/lineup.ts';
import { createLineup } from '../../bench/engine/lineup.ts';
import { createWorkload } from '../../bench/engine/workload.ts';

// The benchmark compares like with like only if every peer's translation of the workload
// computes what edgeflag's flag document says. This runs the benchmark's own pre-timing check.
const workload = createWorkload({ contexts: 200 });
let lineup: Lineup;

beforeAll(async () => {
  lineup = await createLineup(workload);
});

afterAll(async () => {
  for (const implementation of lineup.implementations) await implementation.close();
});

describe('npm run bench workload', () => {
  const names = ['yardstick', 'edgeflag', 'flagd-core', 'unleash-client', 'launchdarkly', 'growthbook'];
  for (const name of names) {
    for (const workloadName of WORKLOADS) {
      it(`${name} gives the yardstick's answers on ${workloadName} for 200 contexts, and about 10% on the split`, async () => {
        const implementation = lineup.implementations.find((candidate) => candidate.name === name)!;
        const agreement = await checkAgreement(implementation, lineup.yardstick, workload, workloadName, 200);
        expect(agreement.firstMismatches).toEqual([]);
        expect(agreement.decided).toBeGreaterThan(0);
        expect(agreement.ok).toBe(true);
      });
    }
  }

  it('catches an implementation that ignores the rules', async () => {
    const alwaysOff: Implementation = {
      name: 'always-off',
      kind: 'peer',
      version: 'test',
      api: 'test',
      run: () => 0,
      answer: (workloadName: WorkloadName) => (workloadName === 'W2' ? workload.w2Keys.map(() => false) : [false]),
      close: () => {},
    };
    const agreement = await checkAgreement(alwaysOff, lineup.yardstick, workload, 'W2', 200);
    expect(agreement.ok).toBe(false);
    expect(agreement.mismatches).toBe(agreement.decided);
  });
});
