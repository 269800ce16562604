// `npm run bench:middleware`: requests per second and latency through edgeflag's middleware proxy
// (the default Worker, 50 flags evaluated, signed and forwarded per request) against the same proxy
// without the middleware, and against a reference that only signs and forwards a fixed flag header,
// all in one workerd, in front of one local origin. Loopback only, bounded (about 2 minutes). BENCH_MIDDLEWARE_SECONDS sets the seconds per case and round (default 5).
import { fileURLToPath } from 'node:url';
import { FLAG_HEADER, flagMember, MEMBER_SEPARATOR } from '../../src/crypto/flag-header.ts';
import { edgeflagVerifier } from '../../src/crypto/verify.ts';
import { compile, evaluateAll } from '../../src/engine/index.ts';
import { benchSnapshot } from '../http/bench-snapshot.ts';
import type { LoadCase } from '../http/load.ts';
import { CONNECTIONS } from '../http/load.ts';
import { childCpu } from '../http/process-cpu.ts';
import { bundle, removeBundle } from './bundle.ts';
import type { OriginProcess } from './origin.ts';
import { startOrigin } from './origin.ts';
import { loadPaired } from '../http/paired-load.ts';
import { formatPaired, formatVerdict, verdicts } from '../http/report.ts';
import { visitorRequests, VISITORS } from './requests.ts';
import type { ProxyWorkers } from './workers.ts';
import { startProxyWorkers } from './workers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECONDS = Number(process.env.BENCH_MIDDLEWARE_SECONDS ?? '5');
const WARMUP_SECONDS = 2;
const ROUNDS = 6;
const FLAG_COUNT = 50;
const TARGET_SHARE = 0.85;
const SECRET = 'bench-middleware-signing-secret-0123456789';

/** The request headers the origin received from a Worker, which it echoes on /__echo. */
async function echoed(workerUrl: string, headers: Record<string, string>): Promise<Record<string, string>> {
  return (await (await fetch(`${workerUrl}/__echo`, { headers })).json()) as Record<string, string>;
}

/** What the origin's verifier makes of the flags in echoed headers. */
function verifyEchoed(headers: Record<string, string>) {
  return edgeflagVerifier({ secret: SECRET, host: headers['x-forwarded-host']! })({ method: 'GET', path: '/__echo', headers });
}

/** One request through each Worker before loading: the middleware and the reference must really forward 50 signed flags. */
async function preflight(workers: ProxyWorkers, tenant: string): Promise<void> {
  const headers = { cookie: 'edgeflag_id=0b5c8a3e-4d1f-4a2b-9c3d-5e6f7a8b9c0d', 'x-tenant': tenant };
  const result = await verifyEchoed(await echoed(workers.middlewareUrl, headers));
  if (!result.ok) throw new Error(`preflight: the origin did not get verifiable flags through the middleware (${result.reason}: ${result.detail})`);
  if (Object.keys(result.flags).length !== FLAG_COUNT) throw new Error(`preflight: ${Object.keys(result.flags).length} flags forwarded, expected ${FLAG_COUNT}`);
  if ((await echoed(workers.passThroughUrl, headers))[FLAG_HEADER] !== undefined) throw new Error('preflight: the pass-through Worker forwarded flags');
  const checked = await verifyEchoed(await echoed(workers.signingReferenceUrl, headers));
  if (!checked.ok || Object.keys(checked.flags).length !== FLAG_COUNT) throw new Error(`preflight: the signing reference did not forward ${FLAG_COUNT} verifiable flags`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const { workload, envelope } = await benchSnapshot({ contexts: VISITORS, flags: FLAG_COUNT }, 'bench:middleware');
  // The header the middleware forwards for one visitor, written by the same engine and encoder.
  const flagHeader = evaluateAll(compile(workload.w2), workload.contexts[0]!, { now: Date.now() })
    .map((result) => flagMember(result.key, result.variant!))
    .join(MEMBER_SEPARATOR);
  const scripts = await Promise.all([
    bundle(ROOT, 'src/worker.ts'),
    bundle(ROOT, 'bench/middleware/pass-through-worker.ts'),
    bundle(ROOT, 'bench/middleware/signing-reference-worker.ts'),
  ]);
  const [edgeflagScript, passThroughScript, signingReferenceScript] = scripts;
  // Set as each is started, so whatever did start is stopped however the run ends.
  let origin: OriginProcess | undefined;
  let workers: ProxyWorkers | undefined;
  try {
    origin = await startOrigin(ROOT);
    workers = await startProxyWorkers({ root: ROOT, edgeflagScript, passThroughScript, signingReferenceScript, flagHeader, origin: origin.url, envelope, secret: SECRET });
    const tenants = workload.contexts.map((context) => context.tenant);
    await preflight(workers, tenants[0]!);
    const requests = visitorRequests(tenants);
    const passThrough: LoadCase = { name: 'pass-through proxy Worker', url: workers.passThroughUrl, requests };
    const middleware: LoadCase = { name: `edgeflag middleware (${FLAG_COUNT} flags)`, url: workers.middlewareUrl, requests };
    const signing: LoadCase = { name: `reference: signs a fixed ${FLAG_COUNT}-flag header`, url: workers.signingReferenceUrl, requests };
    const figures = await loadPaired(passThrough, [signing, middleware], { rounds: ROUNDS, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, cpu: childCpu('workerd') });
    console.log(`workerd (miniflare, direct sockets), ${CONNECTIONS} connections, ${ROUNDS} rounds x ${SECONDS} s per case, order reversed every round, ${VISITORS} returning visitors, 1 KB origin page`);
    console.log(formatPaired(figures));
    for (const verdict of verdicts(figures, [{ name: middleware.name, share: TARGET_SHARE }])) console.log(formatVerdict(verdict, 'the pass-through throughput'));
    console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
  } finally {
    await workers?.dispose();
    await origin?.stop();
    await Promise.all(scripts.map(removeBundle));
  }
}

await main();
