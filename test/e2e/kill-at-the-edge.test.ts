// A kill switch end to end: the real `edgeflag kill` and `revive` write through wrangler into local KV
// while `wrangler dev` serves the Worker from the same directory. The Worker notices on its next
// refresh (cache TTL 1 s here), so the test polls, with a deadline, until the answer changes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgeflag, publishFixture } from './edgeflag-cli.ts';
import type { RunningWorker } from './wrangler-dev.ts';
import { E2E_SERVER_KEY, startWorker } from './wrangler-dev.ts';

const FLAG = 'new-checkout';
const POLL_MS = 50;
/** Far above one cache TTL plus a KV read; only a Worker that never picks the kill up comes near it. */
const DEADLINE_MS = 20_000;

interface Evaluation {
  readonly key: string;
  readonly value?: unknown;
  readonly variant?: string;
  readonly reason?: string;
  /** The snapshot version that answered (the x-edgeflag-version header). */
  readonly version: string | null;
}

let persistTo: string;
let worker: RunningWorker;
const kv = (): string[] => ['--local', '--persist-to', persistTo];

async function evaluate(key = FLAG): Promise<Evaluation> {
  const response = await fetch(`${worker.baseUrl}/ofrep/v1/evaluate/flags/${key}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${E2E_SERVER_KEY}` },
    body: '{"context":{"targetingKey":"u-1"}}',
  });
  return { ...((await response.json()) as Omit<Evaluation, 'version'>), version: response.headers.get('x-edgeflag-version') };
}

/** The first answer for which `test` holds, polling; fails with the last answer past the deadline. */
async function servedOnce(test: (served: Evaluation) => boolean, key = FLAG): Promise<Evaluation> {
  const deadline = Date.now() + DEADLINE_MS;
  let served = await evaluate(key);
  while (!test(served)) {
    if (Date.now() > deadline) throw new Error(`the Worker still serves ${JSON.stringify(served)} after ${DEADLINE_MS} ms:\n${worker.output()}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    served = await evaluate(key);
  }
  return served;
}

async function cli(...args: string[]): Promise<void> {
  const run = await edgeflag([...args, ...kv()]);
  if (run.code !== 0) throw new Error(`edgeflag ${args.join(' ')} exited with ${run.code}:\n${run.stdout}\n${run.stderr}`);
}

describe('a kill switch against wrangler dev', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    persistTo = await mkdtemp(join(tmpdir(), 'edgeflag-e2e-kill-edge-'));
    await publishFixture('flags-v1', persistTo, 'kill at the edge');
    worker = await startWorker({ persistTo, vars: { EDGEFLAG_CACHE_TTL_SECONDS: '1' } });
  }, 90_000);

  afterAll(async () => {
    await worker?.stop();
    await rm(persistTo, { recursive: true, force: true });
  });

  it('after edgeflag kill the OFREP answer turns to the offVariant with reason DISABLED, and after revive it comes back', async () => {
    expect(await evaluate()).toMatchObject({ key: FLAG, variant: 'off', reason: 'DEFAULT' });
    await cli('kill', FLAG, '--reason', 'e2e incident', '--by', 'e2e');
    expect(await servedOnce((served) => served.reason === 'DISABLED')).toMatchObject({ variant: 'off', reason: 'DISABLED' });
    expect(await evaluate('banner-text')).toMatchObject({ reason: 'DEFAULT' });

    const health = (await (await fetch(`${worker.baseUrl}/_edgeflag/health`)).json()) as { killSwitches: { killed: unknown[] } };
    expect(health.killSwitches.killed).toEqual([{ flag: FLAG, by: 'e2e', at: expect.any(String), reason: 'e2e incident' }]);

    await cli('revive', FLAG);
    expect(await servedOnce((served) => served.reason !== 'DISABLED')).toMatchObject({ variant: 'off', reason: 'DEFAULT' });
  });

  it('a kill outlives a publish made after it', async () => {
    await cli('kill', 'banner-text', '--by', 'e2e');
    await servedOnce((served) => served.reason === 'DISABLED', 'banner-text');
    await publishFixture('flags-v2', persistTo, 'published while killed');
    const republished = await servedOnce((served) => served.version === '2', 'banner-text');
    expect(republished).toMatchObject({ value: 'Welcome back', reason: 'DISABLED' });
    await cli('revive', 'banner-text');
    expect(await servedOnce((served) => served.reason !== 'DISABLED', 'banner-text')).toMatchObject({ value: 'Welcome back', reason: 'DEFAULT', version: '2' });
  });
});
