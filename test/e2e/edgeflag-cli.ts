import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { quietEnv, REPO_ROOT } from './wrangler-dev.ts';

const EDGEFLAG_BIN = fileURLToPath(new URL('../../bin/edgeflag.mjs', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real `edgeflag` CLI (bin/edgeflag.mjs, as `npx edgeflag` does) from the repository root.
 *
 * @example const run = await edgeflag(['publish', 'flags/', '--local', '--persist-to', dir]);
 */
export function edgeflag(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [EDGEFLAG_BIN, ...args], { cwd: REPO_ROOT, env: quietEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A fixture folder of flag files under test/e2e/fixtures/. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}/`, import.meta.url));
}

/**
 * Publishes a fixture to the local KV in `persistTo` and fails loudly when publishing fails.
 *
 * @example await publishFixture('flags-v1', dir);
 */
export async function publishFixture(name: string, persistTo: string, message = `e2e ${name}`): Promise<CliRun> {
  const run = await edgeflag(['publish', fixture(name), '--local', '--persist-to', persistTo, '--message', message]);
  if (run.code !== 0) throw new Error(`edgeflag publish ${name} exited with ${run.code}:\n${run.stdout}\n${run.stderr}`);
  return run;
}
