import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Which KV the CLI talks to: the user's wrangler configuration decides the namespace, so an
 * environment, a config file and a login all work as they do for `wrangler` itself.
 */
export interface WranglerTarget {
  /** Local KV (what `wrangler dev` reads) instead of the deployed namespace. */
  readonly local: boolean;
  /** A wrangler environment (`--env`), as named in wrangler.toml. */
  readonly env?: string;
  /** A wrangler configuration file other than ./wrangler.toml (`--config`). */
  readonly config?: string;
  /** Local persistence directory (`--persist-to`); wrangler's default is .wrangler/state. */
  readonly persistTo?: string;
  /** Directory wrangler runs in; default the current one. */
  readonly cwd?: string;
}

/** The binding name edgeflag's Worker reads its snapshots from. */
export const KV_BINDING = 'EDGEFLAG_KV';

/** wrangler ran and failed: the message names the command and carries what wrangler printed. */
export class WranglerError extends Error {
  override readonly name = 'WranglerError';
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    const said = stderr.trim() === '' ? '(wrangler printed nothing on stderr)' : stderr.trim().replace(/\n\s*\n+/g, '\n');
    super(`\`${command}\` failed (exit code ${exitCode ?? 'none'}):\n${said}`);
  }
}

export interface WranglerOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs wrangler with `args` and returns what it printed; throws `WranglerError` when it fails.
 * The project's own wrangler is preferred (so its version is the one the user pinned), then `npx`.
 *
 * @example const { stdout } = await runWrangler(['kv', 'key', 'list', '--binding', 'EDGEFLAG_KV', '--local'], { cwd: process.cwd() });
 */
export async function runWrangler(args: readonly string[], target: Pick<WranglerTarget, 'cwd'> = {}): Promise<WranglerOutput> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runWranglerOnce(args, target);
    } catch (error) {
      if (!(error instanceof WranglerError) || !args.includes('--local') || !LOCAL_STORE_BUSY.test(error.stderr) || attempt >= LOCAL_BUSY_ATTEMPTS) throw error;
      // Jittered, growing waits, so two processes that collided do not collide again in step.
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}

/**
 * Local KV is a SQLite file that one wrangler process at a time may write: a second one (two
 * `edgeflag kill` at once, a publish beside `wrangler dev`) fails with SQLITE_BUSY and changed
 * nothing, so running it again is safe. Remote KV has no such lock and is never retried.
 */
const LOCAL_STORE_BUSY = /SQLITE_BUSY|database is locked/;
const LOCAL_BUSY_ATTEMPTS = 6;

async function runWranglerOnce(args: readonly string[], target: Pick<WranglerTarget, 'cwd'>): Promise<WranglerOutput> {
  const cwd = target.cwd ?? process.cwd();
  const [program, ...prefix] = wranglerCommand(cwd);
  const command = ['wrangler', ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(program!, [...prefix, ...args], {
      cwd,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new WranglerError(command, null, `could not start wrangler: ${error.message}`)));
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = redactSecrets(stripAnsi(Buffer.concat(err).toString('utf8')));
      if (code === 0) resolve({ stdout, stderr });
      else reject(new WranglerError(command, code, stderr || redactSecrets(stripAnsi(stdout))));
    });
  });
}

/** The arguments that pick the namespace and storage for every `wrangler kv key` call. */
export function kvTargetArgs(target: WranglerTarget): string[] {
  const args = ['--binding', KV_BINDING, target.local ? '--local' : '--remote'];
  if (target.env !== undefined) args.push('--env', target.env);
  if (target.config !== undefined) args.push('--config', target.config);
  if (target.local && target.persistTo !== undefined) args.push('--persist-to', target.persistTo);
  return args;
}

/**
 * Reads one KV value as text, or `undefined` when the key does not exist.
 *
 * @example await kvGet('snapshot:current', { local: true })
 */
export async function kvGet(key: string, target: WranglerTarget): Promise<string | undefined> {
  const { stdout } = await runWrangler(['kv', 'key', 'get', key, '--text', ...kvTargetArgs(target)], target);
  // wrangler 4 prints this line on stdout and exits 0 for a missing key; our values are JSON, so
  // they can never be this text.
  if (stdout.trim() === 'Value not found') return undefined;
  // It ends the value with one newline of its own; edgeflag's values never end with one.
  return stdout.endsWith('\n') ? stdout.slice(0, -1) : stdout;
}

/**
 * Writes the content of a file to one KV key (a file, not an argument: snapshots exceed argv limits).
 *
 * @example await kvPutFile('snapshot:v:0000000001', '/tmp/edgeflag-1.json', { local: true })
 */
export async function kvPutFile(key: string, path: string, target: WranglerTarget): Promise<void> {
  await runWrangler(['kv', 'key', 'put', key, '--path', path, ...kvTargetArgs(target)], target);
}

/** One key as `wrangler kv key list` prints it; `metadata` is what the key was written with. */
export interface KvListedKey {
  readonly name: string;
  readonly metadata?: unknown;
}

/**
 * Every key under a prefix, with its metadata, in KV's lexicographic order (wrangler pages through).
 *
 * @example await kvList('snapshot:v:', { local: true }) // [{ name: 'snapshot:v:0000000001' }, …]
 */
export async function kvList(prefix: string, target: WranglerTarget): Promise<KvListedKey[]> {
  const { stdout } = await runWrangler(['kv', 'key', 'list', '--prefix', prefix, ...kvTargetArgs(target)], target);
  const keys = JSON.parse(stdout) as unknown;
  if (!Array.isArray(keys)) throw new WranglerError('wrangler kv key list', 0, `expected a JSON array, got: ${stdout.slice(0, 200)}`);
  return keys as KvListedKey[];
}

/**
 * Reads many keys in one wrangler run (`kv bulk get`); a missing key maps to `undefined`.
 *
 * @example const values = await kvBulkGet(['snapshot:v:0000000001'], { local: true });
 */
export async function kvBulkGet(keys: readonly string[], target: WranglerTarget): Promise<Map<string, string | undefined>> {
  if (keys.length === 0) return new Map();
  return withKeyFile(keys, async (path) => {
    const { stdout } = await runWrangler(['kv', 'bulk', 'get', path, ...kvTargetArgs(target)], target);
    const values = JSON.parse(stdout) as Record<string, { value: string | null } | undefined>;
    return new Map(keys.map((key) => [key, values[key]?.value ?? undefined]));
  });
}

/**
 * Writes a short text value, with JSON metadata that `kvList` returns without a read per key.
 *
 * @example await kvPut('kill:beta', record, { local: true }, { metadata: record })
 */
export async function kvPut(key: string, value: string, target: WranglerTarget, options: { metadata?: unknown } = {}): Promise<void> {
  const metadata = options.metadata === undefined ? [] : ['--metadata', JSON.stringify(options.metadata)];
  await runWrangler(['kv', 'key', 'put', key, value, ...metadata, ...kvTargetArgs(target)], target);
}

/**
 * Deletes keys: one with `kv key delete`, several in one `kv bulk delete` run.
 *
 * @example await kvDelete(['kill:beta'], { local: true })
 */
export async function kvDelete(keys: readonly string[], target: WranglerTarget): Promise<void> {
  if (keys.length === 0) return;
  if (keys.length === 1) {
    await runWrangler(['kv', 'key', 'delete', keys[0]!, ...kvTargetArgs(target)], target);
    return;
  }
  await withKeyFile(keys, (path) => runWrangler(['kv', 'bulk', 'delete', path, '--force', ...kvTargetArgs(target)], target));
}

async function withKeyFile<T>(keys: readonly string[], use: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'edgeflag-keys-'));
  try {
    const path = join(dir, 'keys.json');
    await writeFile(path, JSON.stringify(keys), 'utf8');
    return await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The project's wrangler run by this Node (wrangler 4 needs Node 22), else `npx wrangler`. */
function wranglerCommand(cwd: string): string[] {
  try {
    const manifestPath = createRequire(join(cwd, 'package.json')).resolve('wrangler/package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: Record<string, string> | string };
    const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.wrangler;
    const script = bin === undefined ? undefined : join(manifestPath, '..', bin);
    if (script !== undefined && existsSync(script)) return [process.execPath, script];
  } catch {
    // No local wrangler: fall through to npx, which finds or fetches one.
  }
  return [process.platform === 'win32' ? 'npx.cmd' : 'npx', '--yes', 'wrangler'];
}

function stripAnsi(text: string): string {
  // Escape sequences per ECMA-48 (CSI ... final byte); wrangler colours errors even off a TTY.
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '');
}

/** Cloudflare credentials from the environment never reach a message, even if wrangler echoes one. */
function redactSecrets(text: string): string {
  let result = text;
  for (const name of ['CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_API_KEY', 'CF_API_TOKEN', 'CF_API_KEY']) {
    const secret = process.env[name];
    if (secret !== undefined && secret.length >= 8) result = result.split(secret).join('[redacted]');
  }
  return result;
}
