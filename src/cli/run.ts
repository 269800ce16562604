import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { closestName } from '../schema/closest-name.ts';
import type { Command, CommandIo } from './command.ts';
import { InvalidFlagFilesError, UsageError, UserError } from './errors.ts';
import { issueJson } from './issue-output.ts';

/**
 * Every file in commands/ is a command named after the file, so adding one is adding one file.
 * Only the command that runs is imported (publish need not load for validate).
 */
const COMMANDS = new URL('./commands/', import.meta.url);
const COMMAND_NAME = /^[a-z][a-z0-9-]*$/;

/** Exit status for a bug: sysexits.h EX_SOFTWARE, so scripts can tell it from invalid flags (1). */
export const EXIT_INTERNAL_ERROR = 70;

function commandNames(): string[] {
  return readdirSync(COMMANDS)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.slice(0, -'.ts'.length))
    .filter((name) => COMMAND_NAME.test(name))
    .sort();
}

async function loadCommand(name: string): Promise<Command | undefined> {
  const url = new URL(`${name}.ts`, COMMANDS);
  if (!COMMAND_NAME.test(name) || !existsSync(url)) return undefined;
  const loaded = (await import(url.href)) as { default?: Command };
  if (loaded.default === undefined) throw new Error(`src/cli/commands/${name}.ts must default-export defineCommand(...)`);
  return loaded.default;
}

async function overview(): Promise<string> {
  const rows: string[] = [];
  for (const name of commandNames()) {
    const command = await loadCommand(name);
    if (command !== undefined) rows.push(`  ${name.padEnd(10)} ${command.summary}`);
  }
  return [
    'Usage: edgeflag <command> [options]',
    '',
    'Commands:',
    ...rows,
    '',
    'Run "edgeflag <command> --help" for a command\'s options.',
    'Exit codes: 0 done, 1 invalid input or a failed check, 2 usage error, 70 internal error.',
  ].join('\n');
}

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

async function dispatch(argv: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(await overview());
    return 2;
  }
  if (name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    io.out(await overview());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.out(version());
    return 0;
  }
  const helpFor = name === 'help' ? rest[0]! : undefined;
  const command = await loadCommand(helpFor ?? name);
  if (command === undefined) {
    const typo = helpFor ?? name;
    const match = closestName(typo, commandNames());
    throw new UsageError(`unknown command "${typo}"${match === undefined ? '' : ` (did you mean "${match}"?)`}; the commands are: ${commandNames().join(', ')}`);
  }
  return command.execute(helpFor === undefined ? rest : ['--help'], io);
}

/** Whether the command line asks for JSON: `--json` before any `--` (after it, arguments are operands). */
function wantsJson(argv: readonly string[]): boolean {
  for (const argument of argv) {
    if (argument === '--') return false;
    if (argument === '--json') return true;
  }
  return false;
}

/** How a command failed: the lines stderr shows, and the error `--json` prints on stdout besides. */
interface Failure {
  readonly exitCode: number;
  readonly lines: readonly string[];
  readonly error: {
    /** `usage` (exit 2), `refused` (exit 1: invalid input or a failed check), `internal` (exit 70). */
    readonly kind: 'usage' | 'refused' | 'internal';
    readonly message: string;
    /** Problems of flag files that do not validate, as `validate --json` lists them. */
    readonly issues?: readonly ReturnType<typeof issueJson>[];
  };
}

function failureOf(error: unknown, argv: readonly string[]): Failure {
  if (error instanceof UsageError) {
    const name = argv[0];
    const known = name !== undefined && commandNames().includes(name);
    const lines = [`edgeflag: ${error.message}`, `Run "edgeflag ${known ? `${name} ` : ''}--help" for usage.`];
    return { exitCode: 2, lines, error: { kind: 'usage', message: error.message } };
  }
  if (error instanceof UserError) {
    const issues = error instanceof InvalidFlagFilesError ? { issues: error.issues.map(issueJson) } : {};
    return { exitCode: 1, lines: [`edgeflag: ${error.message}`], error: { kind: 'refused', message: error.message, ...issues } };
  }
  const message = error instanceof Error ? error.message : String(error);
  const lines = ['edgeflag: internal error (a bug in edgeflag; please report it with this trace)', error instanceof Error ? (error.stack ?? message) : message];
  return { exitCode: EXIT_INTERNAL_ERROR, lines, error: { kind: 'internal', message: `internal error (a bug in edgeflag; the trace is on stderr): ${message}` } };
}

/**
 * Runs one edgeflag command line and returns its exit status; never throws. A user's mistake
 * prints one clear line, a bug prints its stack; with `--json`, either is also one JSON object on stdout.
 *
 * @example process.exitCode = await runCli(['validate', 'flags/'], { cwd: process.cwd(), out: console.log, err: console.error });
 */
export async function runCli(argv: readonly string[], io: CommandIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    const failure = failureOf(error, argv);
    for (const line of failure.lines) io.err(line);
    // A script that asked for JSON gets JSON on stdout; the lines on stderr stay for the person reading the log.
    if (wantsJson(argv)) io.out(JSON.stringify({ ok: false, exitCode: failure.exitCode, error: failure.error }));
    return failure.exitCode;
  }
}
