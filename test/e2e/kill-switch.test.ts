// Kill switches through the real CLI and wrangler: each kill is its own KV key, so concurrent kills
// and publishes never undo one another.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KILLS_CHANGED_KEY, killKey, POINTER_KEY } from '../../src/store/keys.ts';
import { edgeflag, publishFixture } from './edgeflag-cli.ts';
import { readLocalKv, writeLocalKv } from './local-kv.ts';

interface StatusJson {
  version: number | null;
  killed: { flag: string; by: string | null; at: string | null; reason: string | null }[];
}

describe('edgeflag kill, revive and status on local KV', { timeout: 60_000 }, () => {
  let persistTo: string;
  const kv = (): string[] => ['--local', '--persist-to', persistTo];
  const status = async (): Promise<StatusJson> => JSON.parse((await edgeflag(['status', ...kv(), '--json'])).stdout) as StatusJson;

  beforeAll(async () => {
    persistTo = await mkdtemp(join(tmpdir(), 'edgeflag-e2e-kill-'));
    await publishFixture('flags-v1', persistTo);
  }, 60_000);

  afterAll(async () => {
    await rm(persistTo, { recursive: true, force: true });
  });

  it('kill writes who, when and why under the flag\'s own key, and status shows it', async () => {
    const before = Date.now();
    const run = await edgeflag(['kill', 'theme', '--reason', 'unreadable in dark mode', '--by', 'ana', ...kv(), '--json']);
    expect(run.code).toBe(0);
    const [store, shown] = await Promise.all([readLocalKv(persistTo), status()]);
    const record = JSON.parse(store[killKey('theme')]!) as { flag: string; by: string; at: string; reason: string };
    expect(record).toMatchObject({ flag: 'theme', by: 'ana', reason: 'unreadable in dark mode' });
    expect(Date.parse(record.at)).toBeGreaterThanOrEqual(before - 1000);
    expect(JSON.parse(run.stdout)).toEqual({ ok: true, killed: record });
    expect(shown).toEqual({ version: 1, checksum: expect.any(String), killed: [record] });
    // The Workers list kill keys only when this one moves.
    expect(store[KILLS_CHANGED_KEY]).toEqual(expect.any(String));
  });

  it('refuses to kill a flag that is not published, naming it and the published flags, unless --force', async () => {
    const [refused, forced] = await Promise.all([edgeflag(['kill', 'them', ...kv()]), edgeflag(['kill', 'future-flag', '--force', ...kv()])]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'flag "them" is not in published version 1 (did you mean "theme"?); use --force to kill it anyway. ' +
        'Published flags: banner-text, max-items, new-checkout, retired-search, theme',
    );
    expect(forced.code).toBe(0);
    const keys = Object.keys(await readLocalKv(persistTo));
    expect(keys).not.toContain(killKey('them'));
    expect(keys).toContain(killKey('future-flag'));
  });

  it('names --force when the published snapshot cannot be read, and --force kills without reading it', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'edgeflag-e2e-kill-broken-'));
    try {
      // The pointer names a version whose key is gone (pruned by hand, or a publish cut short).
      await writeLocalKv(broken, POINTER_KEY, JSON.stringify({ version: 7, checksum: `sha256-${'0'.repeat(64)}` }));
      const where = ['--local', '--persist-to', broken];
      const refused = await edgeflag(['kill', 'theme', ...where]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('version 7 is not in KV');
      expect(refused.stderr).toContain('To kill "theme" without checking the published snapshot, use --force');
      expect(Object.keys(await readLocalKv(broken))).not.toContain(killKey('theme'));
      const forced = await edgeflag(['kill', 'theme', '--force', ...where]);
      expect(forced.code).toBe(0);
      expect(Object.keys(await readLocalKv(broken))).toContain(killKey('theme'));
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });

  it('a kill survives a later publish, and a kill after a publish sits beside the earlier one', async () => {
    await publishFixture('flags-v2', persistTo, 'after the kill');
    await edgeflag(['kill', 'max-items', '--by', 'ben', ...kv()]);
    const after = await status();
    expect(after.version).toBe(2);
    expect(after.killed.map((kill) => kill.flag)).toEqual(['future-flag', 'max-items', 'theme']);
  });

  it('two kills run at the same moment are both kept, and status says who killed what, when and why', async () => {
    const [first, second] = await Promise.all([
      edgeflag(['kill', 'banner-text', '--by', 'cy', '--reason', 'typo', ...kv()]),
      edgeflag(['kill', 'new-checkout', '--by', 'di', ...kv()]),
    ]);
    expect([first.code, second.code]).toEqual([0, 0]);
    const [store, shown] = await Promise.all([readLocalKv(persistTo), edgeflag(['status', ...kv()])]);
    const banner = JSON.parse(store[killKey('banner-text')]!) as { at: string };
    expect(banner).toMatchObject({ by: 'cy', reason: 'typo' });
    expect(JSON.parse(store[killKey('new-checkout')]!)).toMatchObject({ by: 'di' });
    expect(shown.stdout).toContain('version 2 (sha256-');
    expect(shown.stdout).toContain(`killed banner-text  by cy at ${banner.at}: typo`);
    expect(shown.stdout.match(/^killed /gm)).toHaveLength(5);
  });

  it('revive removes only that flag\'s kill and leaves the snapshot alone; reviving again says there is nothing to do', async () => {
    const { [POINTER_KEY]: pointer, [KILLS_CHANGED_KEY]: changed } = await readLocalKv(persistTo);
    const run = await edgeflag(['revive', 'theme', ...kv()]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Revived "theme"');
    const store = await readLocalKv(persistTo);
    expect(Object.keys(store)).not.toContain(killKey('theme'));
    expect(Object.keys(store)).toContain(killKey('max-items'));
    expect(store[POINTER_KEY]).toBe(pointer);
    expect(store[KILLS_CHANGED_KEY]).not.toBe(changed);
    const again = await edgeflag(['revive', 'theme', ...kv()]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('"theme" is not killed');
  });
});
