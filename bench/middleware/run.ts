// `npm run bench:middleware`: requests per second and latency through edgeflag's middleware proxy
// (the default Worker, 50 flags evaluated, signed and forwarded per request) against the same proxy
// without the middleware, and against a reference that only signs and forwards a fixed flag header,
// all in one workerd, in front of one local origin. Loopback only, bounded (about 2 minutes). BENCH_MIDDLEWARE_SECONDS sets the seconds per case and round (default 8).
import { fileURLToPath } from 'node:url';
import { buildEnvelope } from '../../src/cli/publish/build-envelope.ts';
import { edgeflagVerifier } from '../../src/crypto/verify.ts';
import { validateDocument } from '../../src/schema/index.ts';
import { createWorkload } from '../engine/workload.ts';
import { flagMember, MEMBER_SEPARATOR } from '../../src/crypto/flag-header.ts';
import { compile, evaluateAll } from '../../src/engine/index.ts';
import type { LoadCase } from '../http/load.ts';
import { CONNECTIONS } from '../http/load.ts';
import { bundle } from './bundle.ts';
import { startOrigin } from './origin.ts';
import { loadPaired } from './paired-load.ts';
import { childCpu } from '../http/process-cpu.ts';
import { formatFigures } from './report.ts';
import { visitorRequests, VISITORS } from './requests.ts';
import { startProxyPair } from './workers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECONDS = Number(process.env.BENCH_MIDDLEWARE_SECONDS ?? '5');
const WARMUP_SECONDS = 2;
const ROUNDS = 6;
const FLAG_COUNT = 50;
const TARGET_SHARE = 0.85;
const SECRET = 'bench-middleware-signing-secret-0123456789';

/** One request through each Worker before loading: the middleware and the reference must really forward 50 signed flags. */
async function preflight(middlewareUrl: string, passThroughUrl: string, signingReferenceUrl: string, tenant: string): Promise<void> {
  const headers = { cookie: 'edgeflag_id=0b5c8a3e-4d1f-4a2b-9c3d-5e6f7a8b9c0d', 'x-tenant': tenant };
  const through = (await (await fetch(`${middlewareUrl}/__echo`, { headers })).json()) as Record<string, string>;
  const verify = edgeflagVerifier({ secret: SECRET, host: through['x-forwarded-host']! });
  const result = await verify({ method: 'GET', path: '/__echo', headers: through });
  if (!result.ok) throw new Error(`preflight: the origin did not get verifiable flags through the middleware (${result.reason}: ${result.detail})`);
  if (Object.keys(result.flags).length !== FLAG_COUNT) throw new Error(`preflight: ${Object.keys(result.flags).length} flags forwarded, expected ${FLAG_COUNT}`);
  const plain = (await (await fetch(`${passThroughUrl}/__echo`, { headers })).json()) as Record<string, string>;
  if (plain['x-edgeflag'] !== undefined) throw new Error('preflight: the pass-through Worker forwarded flags');
  const referenced = (await (await fetch(`${signingReferenceUrl}/__echo`, { headers })).json()) as Record<string, string>;
  const checked = await edgeflagVerifier({ secret: SECRET, host: referenced['x-forwarded-host']! })({ method: 'GET', path: '/__echo', headers: referenced });
  if (!checked.ok || Object.keys(checked.flags).length !== FLAG_COUNT) throw new Error('preflight: the signing reference did not forward 50 verifiable flags');
}

async function main(): Promise<void> {
  const started = Date.now();
  const workload = createWorkload({ contexts: VISITORS, flags: FLAG_COUNT });
  const checked = validateDocument(workload.w2);
  if (!checked.ok) throw new Error(`the bench workload is not a valid flag document: ${JSON.stringify(checked.issues[0])}`);
  const envelope = await buildEnvelope(workload.w2, { version: 1, message: 'bench:middleware', publishedAt: new Date() });
  const [edgeflagScript, passThroughScript, signingReferenceScript] = await Promise.all([
    bundle(ROOT, 'src/worker.ts'),
    bundle(ROOT, 'bench/middleware/pass-through-worker.ts'),
    bundle(ROOT, 'bench/middleware/signing-reference-worker.ts'),
  ]);
  // The header the middleware forwards for one visitor, written by the same engine and encoder.
  const flagHeader = evaluateAll(compile(workload.w2), workload.contexts[0]!, { now: Date.now() })
    .map((result) => flagMember(result.key, result.variant!))
    .join(MEMBER_SEPARATOR);
  const origin = await startOrigin(ROOT);
  try {
    const pair = await startProxyPair({ root: ROOT, edgeflagScript, passThroughScript, signingReferenceScript, flagHeader, origin: origin.url, envelope, secret: SECRET });
    try {
      const tenants = workload.contexts.map((context) => context.tenant);
      await preflight(pair.middlewareUrl, pair.passThroughUrl, pair.signingReferenceUrl, tenants[0]!);
      const requests = visitorRequests(tenants);
      const passThrough: LoadCase = { name: 'pass-through proxy Worker', url: pair.passThroughUrl, requests };
      const middleware: LoadCase = { name: `edgeflag middleware (${FLAG_COUNT} flags)`, url: pair.middlewareUrl, requests };
      const signing: LoadCase = { name: `reference: signs a fixed ${FLAG_COUNT}-flag header`, url: pair.signingReferenceUrl, requests };
      const figures = await loadPaired(passThrough, [signing, middleware], { rounds: ROUNDS, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, cpu: childCpu('workerd') });
      console.log(`workerd (miniflare, direct sockets), ${CONNECTIONS} connections, ${ROUNDS} rounds x ${SECONDS} s per case, order reversed every round, ${VISITORS} returning visitors, 1 KB origin page`);
      console.log(formatFigures(figures));
      const measured = figures.compared[1]!;
      const pass = measured.share >= TARGET_SHARE && figures.baseline.failures === 0 && measured.figures.failures === 0;
      console.log(`${pass ? 'PASS' : 'MISS'}  ${middleware.name}: ${(measured.share * 100).toFixed(1)}% of the pass-through throughput (median of the rounds; target >= ${TARGET_SHARE * 100}%)`);
      console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
    } finally {
      await pair.dispose();
    }
  } finally {
    await origin.stop();
  }
}

await main();
