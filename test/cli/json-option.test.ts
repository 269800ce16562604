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
});
