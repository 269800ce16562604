// `npm run bench:kill-latency`: how long after `edgeflag kill` returns a running Worker serves the
// flag as DISABLED. Real parts only: the edgeflag CLI writes through wrangler into local KV, and
// `wrangler dev` (127.0.0.1) serves from the same directory with EDGEFLAG_CACHE_TTL_SECONDS=1.
// Each run: kill, poll OFREP every POLL_MS until reason DISABLED, revive, wait until it is not.
// KILL_LATENCY_RUNS sets the number of runs (default 7), KILL_LATENCY_TTL the Worker's cache TTL in
// seconds (default 1). Bounded: loopback only, one request in flight, DEADLINE_MS per change.
// The clock starts when the CLI process exits (the KV write is done), so the figures are the
// Worker's share: its cache TTL, a KV list and pointer read, and the poll interval.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { edgeflag, publishFixture } from '../../test/e2e/edgeflag-cli.ts';
import { startWorker } from '../../test/e2e/wrangler-dev.ts';
import { median } from '../engine/statistics.ts';

const RUNS = Number(process.env.KILL_LATENCY_RUNS ?? '7');
const CACHE_TTL_SECONDS = process.env.KILL_LATENCY_TTL ?? '1';
const FLAG = 'new-checkout';
const POLL_MS = 25;
const DEADLINE_MS = 30_000;

async function reason(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/ofrep/v1/evaluate/flags/${FLAG}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{"context":{}}',
  });
  return ((await response.json()) as { reason?: string }).reason ?? `HTTP ${response.status}`;
}

/** Milliseconds until `test` holds for the served reason, polling; throws past the deadline. */
async function msUntil(baseUrl: string, test: (reason: string) => boolean): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < DEADLINE_MS) {
    if (test(await reason(baseUrl))) return performance.now() - start;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`the Worker did not change within ${DEADLINE_MS} ms`);
}

/** Runs the CLI; returns how long the command itself took (tsx start-up and the wrangler KV write). */
async function cli(args: string[], persistTo: string): Promise<number> {
  const start = performance.now();
  const run = await edgeflag([...args, '--local', '--persist-to', persistTo]);
  if (run.code !== 0) throw new Error(`edgeflag ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return performance.now() - start;
}

async function main(): Promise<void> {
  if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 50) throw new Error(`KILL_LATENCY_RUNS must be 1 to 50, got ${process.env.KILL_LATENCY_RUNS}`);
  const persistTo = await mkdtemp(join(tmpdir(), 'edgeflag-kill-latency-'));
  await publishFixture('flags-v1', persistTo, 'kill latency bench');
  const worker = await startWorker({ persistTo, vars: { EDGEFLAG_CACHE_TTL_SECONDS: CACHE_TTL_SECONDS } });
  try {
    if ((await reason(worker.baseUrl)) === 'DISABLED') throw new Error(`${FLAG} is DISABLED before any kill`);
    const kills: number[] = [];
    const revives: number[] = [];
    const commands: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      commands.push(await cli(['kill', FLAG, '--reason', 'kill latency bench', '--by', 'bench'], persistTo));
      kills.push(await msUntil(worker.baseUrl, (served) => served === 'DISABLED'));
      commands.push(await cli(['revive', FLAG], persistTo));
      revives.push(await msUntil(worker.baseUrl, (served) => served !== 'DISABLED'));
      console.log(`run ${run}: kill served after ${kills.at(-1)!.toFixed(0)} ms, revive after ${revives.at(-1)!.toFixed(0)} ms`);
    }
    const line = (name: string, values: number[]): string =>
      `${name}: median ${median(values).toFixed(0)} ms, min ${Math.min(...values).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms`;
    console.log(`\nwrangler dev, local KV, EDGEFLAG_CACHE_TTL_SECONDS=${CACHE_TTL_SECONDS}, ${RUNS} runs, from the CLI returning:`);
    console.log(line('kill  -> DISABLED', kills));
    console.log(line('revive -> served ', revives));
    console.log(line('the command itself (CLI start-up + wrangler KV write)', commands));
  } finally {
    await worker.stop();
    await rm(persistTo, { recursive: true, force: true });
  }
}

await main();
