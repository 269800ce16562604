// `npm run bench:http`: edgeflag's OFREP endpoints in workerd next to a floor Worker and a
// body-reading reference Worker in the same workerd, and @unleash/proxy serving the same flags as a
// reference; loopback only, bounded (about 3 minutes). BENCH_HTTP_SECONDS sets the seconds per case and round (default 5).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, evaluateAll } from '../../src/engine/index.ts';
import { bulkJson } from '../../src/http/result-json.ts';
import { bundle as bundleScript, removeBundle } from '../middleware/bundle.ts';
import { benchSnapshot } from './bench-snapshot.ts';
import { FLOOR_BYTES } from './floor-worker.ts';
import type { LoadCase } from './load.ts';
import { CONNECTIONS, loadInRotation } from './load.ts';
import { loadPaired } from './paired-load.ts';
import { freePort } from './free-port.ts';
import type { OfrepWorkers } from './ofrep-workers.ts';
import { startOfrepWorkers } from './ofrep-workers.ts';
import { isFloor, isOfrepBoolean, isOfrepBulk, isUnleashToggles, preflight } from './preflight.ts';
import { childCpu } from './process-cpu.ts';
import { formatAgainst, formatPaired, formatVerdict, verdicts } from './report.ts';
import { DISTINCT_REQUESTS, ofrepBulk, ofrepSingle, unleashAll, unleashOne } from './requests.ts';
import type { UnleashProxy } from './unleash-proxy.ts';
import { startUnleashProxy } from './unleash-proxy.ts';
import type { WorkerBundle } from './worker-bundle.ts';
import { buildWorkerBundle } from './worker-bundle.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? '5');
const WARMUP_SECONDS = 2;
const ROUNDS = 5;
const FLAG_COUNT = 200;
const SERVER_KEY = 'bench-server-key';
const UNLEASH_CLIENT_KEY = 'bench-client-key';

async function main(): Promise<void> {
  const started = Date.now();
  const { workload, envelope } = await benchSnapshot({ contexts: DISTINCT_REQUESTS, flags: FLAG_COUNT }, 'bench:http');
  // A real answer for the first context, computed here by the same engine, for the reference to send.
  const bulkAnswer = bulkJson(evaluateAll(compile(workload.w2), workload.contexts[0]!, { now: Date.now() }));
  const workDir = await mkdtemp(join(tmpdir(), 'edgeflag-bench-http-'));
  // Set as each is started, so whatever did start is stopped and removed however the run ends.
  let bundle: WorkerBundle | undefined;
  let bodyReadScript: string | undefined;
  let workers: OfrepWorkers | undefined;
  let proxy: UnleashProxy | undefined;
  try {
    bundle = await buildWorkerBundle(ROOT);
    bodyReadScript = await bundleScript(ROOT, 'bench/http/body-read-worker.ts');
    workers = await startOfrepWorkers({ root: ROOT, bundle, envelope, serverKey: SERVER_KEY, bodyReadScript, bulkAnswer });
    proxy = await startUnleashProxy(workload.w2, await freePort(), UNLEASH_CLIENT_KEY, workDir);
    const { contexts, w2Keys } = workload;
    const singleRequests = ofrepSingle(contexts, w2Keys, SERVER_KEY);
    const bulkRequests = ofrepBulk(contexts, SERVER_KEY);
    const floor: LoadCase = { name: `floor: fixed ${(FLOOR_BYTES / 1024).toFixed(1)} KB JSON`, url: workers.floorUrl, requests: singleRequests };
    const bodyRead: LoadCase = { name: 'reference: reads body, fixed result', url: workers.bodyReadUrl, requests: singleRequests };
    const bulkRead: LoadCase = { name: 'reference: reads body, fixed bulk', url: workers.bodyReadUrl, requests: bulkRequests };
    const single: LoadCase = { name: 'edgeflag OFREP single flag', url: workers.edgeflagUrl, requests: singleRequests };
    const bulk: LoadCase = { name: `edgeflag OFREP bulk (${FLAG_COUNT} flags)`, url: workers.edgeflagUrl, requests: bulkRequests };
    const unleashSingle: LoadCase = { name: '@unleash/proxy one toggle', url: proxy.url, requests: unleashOne(contexts, w2Keys, UNLEASH_CLIENT_KEY) };
    const unleashBulk: LoadCase = { name: `@unleash/proxy all (${FLAG_COUNT} toggles)`, url: proxy.url, requests: unleashAll(contexts, UNLEASH_CLIENT_KEY) };
    await preflight([
      { loadCase: floor, check: isFloor },
      { loadCase: bodyRead, check: isOfrepBoolean },
      { loadCase: bulkRead, check: isOfrepBulk(FLAG_COUNT) },
      { loadCase: single, check: isOfrepBoolean },
      { loadCase: bulk, check: isOfrepBulk(FLAG_COUNT) },
      { loadCase: unleashSingle, check: isUnleashToggles },
      { loadCase: unleashBulk, check: isUnleashToggles },
    ]);
    const bulkBytes = (await (await fetch(bulk.url + bulk.requests[0]!.path!, { method: 'POST', headers: bulk.requests[0]!.headers!, body: bulk.requests[0]!.body! })).arrayBuffer()).byteLength;

    console.log(`bench:http: ${CONNECTIONS} connections, ${ROUNDS} rounds x ${SECONDS} s per workerd case (order reversed every round), ${SECONDS} s per Unleash case, ${WARMUP_SECONDS} s warm-up each; loopback only.`);
    console.log(`workerd via miniflare direct sockets (no entry Worker, no wrangler proxy); bulk answer ${(bulkBytes / 1024).toFixed(1)} KB (the reference's ${(bulkAnswer.length / 1024).toFixed(1)} KB).`);
    // One workerd serves all three Workers and each case runs alone, so its CPU per request is that
    // Worker's; each case's share is the median of its per-round ratios to the floor.
    const edge = await loadPaired(floor, [bodyRead, single, bulkRead, bulk], { rounds: ROUNDS, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, cpu: childCpu('workerd') });
    const reference = await loadInRotation([unleashSingle, unleashBulk], { rounds: 1, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS });

    console.log('');
    console.log('workerd (same runtime, same run):');
    console.log(formatPaired(edge));
    console.log('');
    console.log('reference, Node (@unleash/proxy, same flags from bootstrap; share is of the workerd floor over all its rounds):');
    console.log(formatAgainst(reference, edge.baseline));
    console.log('');
    const results = verdicts(edge, [
      { name: single.name, share: 0.85 },
      { name: bulk.name, share: 0.7 },
    ]);
    for (const verdict of results) console.log(formatVerdict(verdict, 'the floor'));
    console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
  } finally {
    await proxy?.stop();
    await workers?.dispose();
    await rm(workDir, { recursive: true, force: true });
    if (bundle !== undefined) await rm(bundle.dir, { recursive: true, force: true });
    if (bodyReadScript !== undefined) await removeBundle(bodyReadScript);
  }
}

await main();
