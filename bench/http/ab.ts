// `npm run bench:ab -- REV [single|bulk]`: edgeflag's Worker built from git revision REV against the
// one in the working tree, both in one workerd over the same published flags, in paired rounds (the
// order reversed every round). On a noisy machine, two builds side by side in one runtime are the
// only way to tell a change of about 10 µs per request from drift. Loopback only, bounded (about
// 1.5 minutes); BENCH_AB_ROUNDS sets the rounds (default 10).
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Miniflare } from 'miniflare';
import { bundle, removeBundle } from '../middleware/bundle.ts';
import { benchSnapshot, seedSnapshot } from './bench-snapshot.ts';
import { startDirectWorkerd } from './direct-workerd.ts';
import type { LoadCase } from './load.ts';
import { edgeflagWorker } from './ofrep-workers.ts';
import { loadPaired } from './paired-load.ts';
import { isOfrepBoolean, isOfrepBulk, preflight } from './preflight.ts';
import { childCpu } from './process-cpu.ts';
import { formatPaired } from './report.ts';
import { DISTINCT_REQUESTS, ofrepBulk, ofrepSingle } from './requests.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ROUNDS = Number(process.env.BENCH_AB_ROUNDS ?? '10');
const SECONDS = 4;
const FLAG_COUNT = 200;
const SERVER_KEY = 'bench-server-key';

async function main(revision: string, mode: 'single' | 'bulk'): Promise<void> {
  const { workload, envelope } = await benchSnapshot({ contexts: DISTINCT_REQUESTS, flags: FLAG_COUNT }, 'bench:ab');
  const checkout = await mkdtemp(join(tmpdir(), 'edgeflag-bench-ab-'));
  execFileSync('git', ['worktree', 'add', '--detach', '--quiet', checkout, revision], { cwd: ROOT, stdio: 'inherit' });
  const scripts: string[] = [];
  let miniflare: Miniflare | undefined;
  try {
    // The revision is bundled with today's dependencies: the comparison is of edgeflag's code.
    await symlink(join(ROOT, 'node_modules'), join(checkout, 'node_modules'));
    scripts.push(await bundle(checkout, 'src/worker.ts'), await bundle(ROOT, 'src/worker.ts'));
    miniflare = await startDirectWorkerd(ROOT, [edgeflagWorker('before', scripts[0]!, SERVER_KEY), edgeflagWorker('after', scripts[1]!, SERVER_KEY)]);
    const requests = mode === 'bulk' ? ofrepBulk(workload.contexts, SERVER_KEY) : ofrepSingle(workload.contexts, workload.w2Keys, SERVER_KEY);
    const cases: LoadCase[] = [];
    for (const name of ['before', 'after']) {
      await seedSnapshot(miniflare, name, envelope);
      cases.push({ name: name === 'before' ? `${revision} (${mode})` : `working tree (${mode})`, url: (await miniflare.unsafeGetDirectURL(name)).origin, requests });
    }
    const check = mode === 'bulk' ? isOfrepBulk(FLAG_COUNT) : isOfrepBoolean;
    await preflight(cases.map((loadCase) => ({ loadCase, check })));
    const figures = await loadPaired(cases[0]!, [cases[1]!], { rounds: ROUNDS, seconds: SECONDS, warmupSeconds: 2, cpu: childCpu('workerd') });
    console.log(`bench:ab: ${ROUNDS} rounds x ${SECONDS} s per build, order reversed every round; share is the working tree's rate over ${revision}'s (median of the rounds)`);
    console.log(formatPaired(figures));
  } finally {
    await miniflare?.dispose();
    await Promise.all(scripts.map(removeBundle));
    execFileSync('git', ['worktree', 'remove', '--force', checkout], { cwd: ROOT });
  }
}

const [revision, mode = 'single'] = process.argv.slice(2);
if (revision === undefined || (mode !== 'single' && mode !== 'bulk')) {
  console.error('usage: npm run bench:ab -- REV [single|bulk]   (e.g. npm run bench:ab -- HEAD~1)');
  process.exit(2);
}
await main(revision, mode);
