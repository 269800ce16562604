import { readFileSync } from 'node:fs';
import { createEdgeflag } from './edgeflag.ts';
import type { Implementation } from './implementation.ts';
import { createFlagd } from './peer-flagd.ts';
import { createGrowthBook } from './peer-growthbook.ts';
import { createLaunchDarkly } from './peer-launchdarkly.ts';
import { createUnleash } from './peer-unleash.ts';
import type { Workload } from './workload.ts';
import type { Yardstick } from './yardstick.ts';
import { createYardstick } from './yardstick.ts';

/** Everything the benchmark runs, set up on one workload: the yardstick first, then edgeflag and the peers. */
export interface Lineup {
  readonly yardstick: Yardstick;
  readonly implementations: readonly Implementation[];
}

function packageVersion(name: string): string {
  const manifest = readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}

export async function createLineup(workload: Workload): Promise<Lineup> {
  const yardstick = createYardstick(workload);
  const implementations = [
    yardstick,
    createEdgeflag(workload),
    createFlagd(workload, packageVersion('@openfeature/flagd-core')),
    await createUnleash(workload, packageVersion('unleash-client')),
    await createLaunchDarkly(workload, packageVersion('@launchdarkly/node-server-sdk')),
    createGrowthBook(workload, packageVersion('@growthbook/growthbook')),
  ];
  return { yardstick, implementations };
}
