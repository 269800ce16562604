import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { overrideVerifier } from '../../src/crypto/override-token.ts';
import { runCli } from '../../src/cli/run.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = 'override-secret-for-cli-tests-0123456789ab';

async function edgeflag(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, { cwd: ROOT, out: (line) => (stdout += `${line}\n`), err: (line) => (stderr += `${line}\n`) });
  return { status, stdout, stderr };
}

describe('edgeflag override', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.EDGEFLAG_OVERRIDE_SECRET;
    process.env.EDGEFLAG_OVERRIDE_SECRET = SECRET;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.EDGEFLAG_OVERRIDE_SECRET;
    else process.env.EDGEFLAG_OVERRIDE_SECRET = saved;
  });

  it('prints a token the Worker\'s verifier accepts, carrying the flags, tester, tenant and expiry asked for', async () => {
    const before = Math.floor(Date.now() / 1000);
    const run = await edgeflag('override', '--flag', 'new-checkout=on', '--flag', 'checkout-button-text=short', '--ttl', '30m', '--tester', 'ana', '--tenant', 'acme');
    const after = Math.ceil(Date.now() / 1000);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const check = await overrideVerifier(SECRET)(run.stdout.trim(), { tenant: 'acme' }, Date.now());
    if (!check.ok) throw new Error(check.reason);
    expect(check.payload).toMatchObject({ v: 1, flags: { 'new-checkout': 'on', 'checkout-button-text': 'short' }, tester: 'ana', tenant: 'acme' });
    expect(check.payload.exp - before).toBeGreaterThanOrEqual(1800);
    expect(check.payload.exp - after).toBeLessThanOrEqual(1800);
    expect(run.stdout).not.toContain(SECRET);
  });

  it('refuses, naming each problem, a flag that is not overridable or a variant that does not exist', async () => {
    const run = await edgeflag('override', '--flag', 'new-payments=on', '--flag', 'checkout-button-text=tiny');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('flag "new-payments" is not overridable: add `overridable: true`');
    expect(run.stderr).toContain('flag "checkout-button-text" has no variant "tiny" (its variants: control, friendly, short)');
    expect(run.stdout).toBe('');
  });

  it('reads the secret from --secret-file, and refuses a missing or short secret without echoing it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'edgeflag-override-'));
    try {
      await writeFile(join(dir, 'secret'), `${SECRET}\n`);
      delete process.env.EDGEFLAG_OVERRIDE_SECRET;
      const fromFile = await edgeflag('override', '--flag', 'new-checkout=on', '--secret-file', join(dir, 'secret'));
      expect(fromFile.status).toBe(0);
      expect((await overrideVerifier(SECRET)(fromFile.stdout.trim(), {}, Date.now())).ok).toBe(true);
      const missing = await edgeflag('override', '--flag', 'new-checkout=on');
      expect(missing.status).toBe(1);
      expect(missing.stderr).toContain('EDGEFLAG_OVERRIDE_SECRET is not set');
      process.env.EDGEFLAG_OVERRIDE_SECRET = 'short-secret';
      const short = await edgeflag('override', '--flag', 'new-checkout=on');
      expect(short.status).toBe(1);
      expect(short.stderr).toContain('shorter than 32 bytes');
      expect(short.stderr).not.toContain('short-secret');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('treats a bad --flag or --ttl as a usage error (exit 2)', async () => {
    expect((await edgeflag('override', '--flag', 'new-checkout')).status).toBe(2);
    expect((await edgeflag('override', '--flag', 'new-checkout=on', '--ttl', '8d')).stderr).toContain('longer than 7d');
    expect((await edgeflag('override', '--flag', 'new-checkout=on', '--ttl', 'soon')).status).toBe(2);
  });
});
