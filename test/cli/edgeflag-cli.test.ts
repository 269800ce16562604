import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real bin, as `npx edgeflag` does: for exit codes and what reaches the terminal. */
function bin(...args: string[]): Run {
  const run = spawnSync(process.execPath, ['bin/edgeflag.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs the same command line in this process (the bin's main only wires runCli to the process). */
async function edgeflag(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, { cwd: ROOT, out: (line) => (stdout += `${line}\n`), err: (line) => (stderr += `${line}\n`) });
  return { status, stdout, stderr };
}

function jsonLines(text: string): unknown[] {
  return text.trim().split('\n').map((line) => JSON.parse(line) as unknown);
}

describe('edgeflag validate', () => {
  it('exits 0 with a one-line summary when the flags are valid (default path: examples/flags here)', async () => {
    const run = bin('validate');
    expect(run.stdout).toBe('ok: 9 flags, 3 segments in 4 files (examples/flags)\n');
    expect(run.status).toBe(0);
  });

  it('exits 1 and prints every problem with file, line, path and fix', async () => {
    const run = bin('validate', 'test/fixtures/invalid/prerequisites.yaml');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      'test/fixtures/invalid/prerequisites.yaml:8:17  flags.b.prerequisites[0].flag  prerequisite cycle: a -> b -> a  fix: remove one of the prerequisites',
    );
    expect(run.stdout.trim().split('\n').at(-1)).toBe('4 problems in 1 file');
  });

  it('prints the issues as JSON with --json', async () => {
    const run = await edgeflag('validate', 'test/fixtures/json', '--json');
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: false,
      files: ['test/fixtures/json/flags.json'],
      issues: [
        {
          code: 'unknown_variant',
          path: ['flags', 'dark-mode', 'defaultVariant'],
          message: 'unknown variant "of" (did you mean "on"?)',
          fix: 'use one of: on, off',
          file: 'test/fixtures/json/flags.json',
          line: 5,
          column: 25,
        },
      ],
    });
  });

  it('exits 1 with a clear message, not a stack, when the path does not exist', async () => {
    const run = bin('validate', 'no/such/folder');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('edgeflag: no/such/folder does not exist\n');
  });
});

describe('edgeflag usage errors', () => {
  it('exits 2 on an unknown option and suggests the one meant', async () => {
    const run = bin('validate', '--jsn');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('edgeflag: unknown option --jsn (did you mean --json?)\nRun "edgeflag validate --help" for usage.\n');
  });

  it('exits 2 on an unknown command, and with no command at all', async () => {
    const unknown = bin('valdate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "valdate" (did you mean "validate"?)');
    expect(bin().status).toBe(2);
  });

  it('shows help for each command with --help and exits 0', async () => {
    const run = bin('eval', '--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: edgeflag eval \[path\]/);
    expect(run.stdout).toContain('--contexts FILE');
  });

  it('treats an unexpected error as a bug: prints its stack and exits 70', async () => {
    let stderr = '';
    const failingOutput = () => {
      throw new Error('stdout is gone');
    };
    const status = await runCli(['schema'], { cwd: ROOT, out: failingOutput, err: (line) => (stderr += `${line}\n`) });
    expect(status).toBe(70);
    expect(stderr).toMatch(/^edgeflag: internal error .*\nError: stdout is gone\n\s+at /);
  });

  it('exits 2 when --context is not JSON', async () => {
    const run = await edgeflag('eval', 'test/fixtures/eval', '--flag', 'greeting', '--context', '{targetingKey: u-1}');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^edgeflag: --context is not JSON/);
  });
});

describe('edgeflag eval', () => {
  it('prints one OFREP-shaped result for one flag and context', async () => {
    const run = bin('eval', 'test/fixtures/eval', '--flag', 'greeting', '--context', '{"targetingKey":"u-1","tenant":"acme-internal"}');
    expect(run.status).toBe(0);
    expect(jsonLines(run.stdout)).toEqual([
      { key: 'greeting', value: 'Hi', variant: 'casual', reason: 'TARGETING_MATCH', metadata: { rule: 'internal' } },
    ]);
  });

  it('evaluates at --now, so schedules can be checked before they start', async () => {
    const before = await edgeflag('eval', 'test/fixtures/eval', '--flag', 'launch', '--now', '2026-11-30T23:59:59Z');
    const after = await edgeflag('eval', 'test/fixtures/eval', '--flag', 'launch', '--now', '2026-12-01T00:00:00Z');
    expect(jsonLines(before.stdout)).toEqual([{ key: 'launch', value: false, variant: 'off', reason: 'DISABLED' }]);
    expect(jsonLines(after.stdout)).toEqual([{ key: 'launch', value: true, variant: 'on', reason: 'STATIC' }]);
  });

  it('prints one result per line of a --contexts file, in order, skipping blank lines', async () => {
    const run = await edgeflag('eval', 'test/fixtures/eval', '--flag', 'greeting', '--contexts', 'test/fixtures/eval/contexts.jsonl');
    expect(run.status).toBe(0);
    expect(jsonLines(run.stdout).map((result) => (result as { variant: string }).variant)).toEqual(['casual', 'formal', 'casual']);
  });

  it('names every bad line of a --contexts file and evaluates nothing', async () => {
    const run = await edgeflag('eval', 'test/fixtures/eval', '--contexts', 'test/fixtures/eval/bad-contexts.jsonl');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('test/fixtures/eval/bad-contexts.jsonl:3: not JSON');
    expect(run.stderr).toContain('test/fixtures/eval/bad-contexts.jsonl:4: a context is a JSON object, got a list');
  });

  it('evaluates every flag without --flag, as one OFREP bulk line', async () => {
    const run = await edgeflag('eval', 'test/fixtures/eval', '--context', '{"targetingKey":"u-2"}', '--now', '2027-01-01T00:00:00Z');
    expect(run.status).toBe(0);
    expect(jsonLines(run.stdout)).toEqual([
      {
        flags: [
          { key: 'greeting', value: 'Good day', variant: 'formal', reason: 'DEFAULT' },
          { key: 'launch', value: true, variant: 'on', reason: 'STATIC' },
        ],
      },
    ]);
  });

  it('exits 1 for an unknown flag and suggests the one meant', async () => {
    const run = await edgeflag('eval', 'test/fixtures/eval', '--flag', 'greting');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('edgeflag: unknown flag "greting" (did you mean "greeting"?)\n');
  });

  it('exits 1 and prints the problems when the flag files are invalid', async () => {
    const run = await edgeflag('eval', 'test/fixtures/json', '--flag', 'dark-mode');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('test/fixtures/json/flags.json:5:25  flags.dark-mode.defaultVariant  unknown variant "of"');
  });
});

describe('edgeflag schema', () => {
  it('prints the JSON Schema that is committed in schema/edgeflag.schema.json', async () => {
    const run = bin('schema');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(readFileSync(new URL('../../schema/edgeflag.schema.json', import.meta.url), 'utf8'));
  });
});
