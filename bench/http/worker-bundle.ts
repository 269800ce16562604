import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWrangler } from '../../src/cli/wrangler.ts';

export interface WorkerBundle {
  readonly dir: string;
  /** The bundled entry module, as `wrangler deploy` would upload it. */
  readonly entry: string;
}

/** Builds the Worker exactly as `wrangler deploy` would upload it, without deploying anything. */
export async function buildWorkerBundle(root: string): Promise<WorkerBundle> {
  const dir = await mkdtemp(join(tmpdir(), 'edgeflag-bench-bundle-'));
  await runWrangler(['deploy', '--dry-run', '--outdir', dir], { cwd: root });
  const entry = (await readdir(dir)).find((file) => file.endsWith('.js'));
  if (entry === undefined) throw new Error(`wrangler deploy --dry-run wrote no .js file into ${dir}`);
  return { dir, entry: join(dir, entry) };
}
