import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.ts';

const COMMANDS = readdirSync(new URL('../../src/cli/commands/', import.meta.url))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -'.ts'.length));

describe('machine-readable output', () => {
  it('covers the commands of issue 5', () => {
    expect(COMMANDS).toEqual(expect.arrayContaining(['diff', 'history', 'kill', 'revive', 'rollback', 'status', 'publish', 'validate', 'schema', 'eval']));
  });

  it.each(COMMANDS)('edgeflag %s accepts --json', async (name) => {
    let stdout = '';
    const code = await runCli([name, '--help'], { cwd: process.cwd(), out: (line) => (stdout += `${line}\n`), err: () => undefined });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}\s*--json\b/m);
    expect(stdout.split('\n')[0]).toContain('[--json]');
  });

  async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { cwd: process.cwd(), out: (line) => (stdout += `${line}\n`), err: (line) => (stderr += `${line}\n`) });
    return { code, stdout, stderr };
  }

  it.each([
    [['kill', '--json'], 2, 'usage', 'name the flag to kill'],
    [['rollback', 'latest', '--json'], 2, 'usage', 'VERSION must be a version number'],
    [['validate', '/nonexistent-edgeflag-flags', '--json'], 1, 'refused', '/nonexistent-edgeflag-flags does not exist'],
  ] as const)('with --json, %j fails as one JSON object on stdout and one line on stderr', async (argv, exitCode, kind, text) => {
    const { code, stdout, stderr } = await run([...argv]);
    expect(code).toBe(exitCode);
    expect(JSON.parse(stdout)).toEqual({ ok: false, exitCode, error: { kind, message: expect.stringContaining(text) } });
    expect(stderr).toContain(`edgeflag: `);
    expect(stderr).toContain(text);
  });

  it('prints nothing on stdout for a failure without --json', async () => {
    const { code, stdout, stderr } = await run(['validate', '/nonexistent-edgeflag-flags']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('/nonexistent-edgeflag-flags does not exist');
  });

  it('lists the problems of invalid flag files, each with file, line and fix, in the JSON error', async () => {
    const { code, stdout, stderr } = await run(['eval', 'test/fixtures/invalid', '--json']);
    expect(code).toBe(1);
    const { error } = JSON.parse(stdout) as { error: { kind: string; message: string; issues: unknown[] } };
    expect(error.kind).toBe('refused');
    expect(error.message).toBe('the flag files are invalid (see above): nothing evaluated');
    expect(error.issues).toContainEqual(
      expect.objectContaining({ file: 'test/fixtures/invalid/variants.yaml', line: 7, message: 'unknown variant "onn" (did you mean "on"?)', fix: 'use one of: on, off' }),
    );
    expect(stderr).toContain('test/fixtures/invalid/variants.yaml:7:18');
  });
});
