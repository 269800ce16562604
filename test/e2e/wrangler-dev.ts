import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../bench/http/free-port.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WRANGLER_BIN = fileURLToPath(new URL('../../node_modules/wrangler/bin/wrangler.js', import.meta.url));

/** The server key the end-to-end Worker accepts. */
export const E2E_SERVER_KEY = 'e2e-server-key-0123456789';

/** A `wrangler dev` this test started, serving the repository's Worker from a local KV directory. */
export interface RunningWorker {
  readonly baseUrl: string;
  /** Everything wrangler printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  /** The local KV directory (`--persist-to`) that publish wrote to. */
  readonly persistTo: string;
  /** Worker vars on top of the e2e defaults (server key, no cache TTL). */
  readonly vars?: Readonly<Record<string, string>>;
}

/**
 * Starts `wrangler dev` on a free loopback port and resolves once the Worker answers.
 *
 * @example const worker = await startWorker({ persistTo: dir }); … await worker.stop();
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const vars = { EDGEFLAG_SERVER_KEYS: E2E_SERVER_KEY, EDGEFLAG_CACHE_TTL_SECONDS: '0', ...options.vars };
  const args = [
    WRANGLER_BIN, 'dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspectorPort),
    '--persist-to', options.persistTo, '--show-interactive-dev-session=false',
    ...Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
  ];
  // Its own process group, so stopping it also stops the workerd it spawns.
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: quietEnv() });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const worker: RunningWorker = { baseUrl: `http://127.0.0.1:${port}`, output: () => output, stop: () => stopGroup(child) };
  try {
    await waitUntilAnswering(worker.baseUrl, child, () => output);
  } catch (error) {
    await worker.stop();
    throw error;
  }
  return worker;
}

/** wrangler without its telemetry prompt, colours or update check noise. */
export function quietEnv(): NodeJS.ProcessEnv {
  return { ...process.env, WRANGLER_SEND_METRICS: 'false', FORCE_COLOR: '0', NO_COLOR: '1', CI: 'true' };
}

async function waitUntilAnswering(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${output()}`);
    try {
      await fetch(`${baseUrl}/_edgeflag/health`, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`wrangler dev did not answer on ${baseUrl} within 60 s:\n${output()}`);
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child.pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}
