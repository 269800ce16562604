/**
 * The benchmark itself; bench/engine/run.ts loads it only after the network guard is in place,
 * because the peers' SDKs may open connections as soon as they are imported.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import type { Agreement } from './agreement.ts';
import { assertAgreement, checkAgreement } from './agreement.ts';
import { timeCompile } from './compile-time.ts';
import { WORKLOADS } from './implementation.ts';
import { createLineup } from './lineup.ts';
import { networkAttempts } from './network-guard.ts';
import { renderMarkdown, renderText, summarise, targets } from './report.ts';
import type { Series, TimingPlan } from './timing.ts';
import { rotation, timeSlot, warmUp } from './timing.ts';
import { createWorkload } from './workload.ts';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    out: { type: 'string' },
    markdown: { type: 'boolean', default: false },
    rounds: { type: 'string' },
  },
});
const log = (line: string): void => void process.stderr.write(`${line}\n`);
if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
  log('bench: run with `node --expose-gc` (npm run bench does) so every implementation starts its turn after a full GC');
  process.exit(2);
}

const quick = args.quick;
const plan: TimingPlan = quick
  ? { rounds: 2, warmupMs: 40, slotMs: { W1: 20, W2: 40, W3: 20 }, batchTargetNs: 25_000 }
  : { rounds: 9, warmupMs: 400, slotMs: { W1: 150, W2: 300, W3: 150 }, batchTargetNs: 25_000 };
const rounds = args.rounds === undefined ? plan.rounds : Number(args.rounds);
if (!Number.isInteger(rounds) || rounds < 1) {
  log(`bench: --rounds must be a whole number of at least 1, got "${args.rounds}"`);
  process.exit(2);
}
const started = performance.now();

// First, in a small heap: the Worker compiles in an isolate that holds little else.
const compile = timeCompile(1000, quick ? 3 : 21);
const workload = createWorkload();
log(`bench: ${workload.contexts.length} contexts, W1 1 flag, W2/W3 ${workload.w2Keys.length} flags; setting up`);
const { yardstick, implementations } = await createLineup(workload);

const checkedCalls = quick ? 500 : workload.contexts.length;
const agreement: Agreement[] = [];
for (const implementation of implementations) {
  for (const name of WORKLOADS) agreement.push(await checkAgreement(implementation, yardstick, workload, name, checkedCalls));
  log(`bench: checked ${implementation.name} against the yardstick on ${checkedCalls} contexts`);
}
assertAgreement(agreement);

const series: Series[] = [];
for (const implementation of implementations) for (const name of WORKLOADS) series.push(await warmUp(implementation, name, plan));
const seriesOf = new Map(series.map((entry) => [`${entry.name} ${entry.workload}`, entry]));

for (let round = 0; round < rounds; round++) {
  for (const name of WORKLOADS) {
    for (const implementation of rotation(implementations, round)) await timeSlot(implementation, seriesOf.get(`${implementation.name} ${name}`)!, plan);
  }
  log(`bench: round ${round + 1} of ${rounds} done`);
}

for (const implementation of implementations) await implementation.close();

const rows = summarise(series, implementations);
const cpu = cpus();
const report = {
  date: new Date().toISOString(),
  machine: `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`,
  quick,
  rounds,
  batchTargetNs: plan.batchTargetNs,
  durationSeconds: (performance.now() - started) / 1000,
  implementations: implementations.map(({ name, kind, version, api }) => ({ name, kind, version, api })),
  agreement,
  rows,
  compile,
  targets: targets(rows, compile),
  network: networkAttempts(),
};

const text = renderText(report);
if (args.json || args.out !== undefined) {
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (args.out !== undefined) writeFileSync(args.out, json);
  else process.stdout.write(json);
  log(text);
} else {
  process.stdout.write(`${text}\n`);
}
if (args.markdown) log(`\n${renderMarkdown(report)}`);
if (report.network.refused > 0) {
  log(`bench: an implementation tried to reach the network ${report.network.refused} time(s); fix its offline configuration`);
  process.exit(1);
}
// LaunchDarkly's and Unleash's clients may keep timers after close(); the run is over.
process.exit(0);
