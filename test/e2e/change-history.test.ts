// history, diff, rollback and retention run as a user runs them (bin/edgeflag.mjs through the real
// wrangler CLI) against a throwaway local KV, which is read back with miniflare. Every wrangler run
// costs a second or more, so the commands that only read run side by side.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POINTER_KEY, versionKey } from '../../src/store/keys.ts';
import { edgeflag, fixture, publishFixture } from './edgeflag-cli.ts';
import { readLocalKv } from './local-kv.ts';

const SAMPLE = fileURLToPath(new URL('./fixtures/sample-contexts.jsonl', import.meta.url));

describe('edgeflag history, diff, rollback and retention on local KV', { timeout: 60_000 }, () => {
  let persistTo: string;
  /** KV after the two publishes; the read-only tests check it is unchanged. */
  let published: Record<string, string>;
  const kv = (): string[] => ['--local', '--persist-to', persistTo];

  beforeAll(async () => {
    persistTo = await mkdtemp(join(tmpdir(), 'edgeflag-e2e-history-'));
    await publishFixture('flags-v1', persistTo, 'first');
    await publishFixture('flags-v2', persistTo, 'reworded banner');
    published = await readLocalKv(persistTo);
  }, 60_000);

  afterAll(async () => {
    await rm(persistTo, { recursive: true, force: true });
  });

  // Read-only commands run two at a time: more wrangler runs at once only slow each other down.
  describe('commands that only read', () => {
    it('history lists every version newest first with its time, checksum and message, marking the current one', async () => {
      const [text, json] = await Promise.all([edgeflag(['history', ...kv()]), edgeflag(['history', ...kv(), '--json'])]);
      expect(text.code).toBe(0);
      const envelope = (version: number): { checksum: string; publishedAt: string } => JSON.parse(published[versionKey(version)]!);
      expect(text.stdout.trimEnd().split('\n')).toEqual([
        `* v2     ${envelope(2).publishedAt}  ${envelope(2).checksum.slice(0, 19)}…  reworded banner`,
        `  v1     ${envelope(1).publishedAt}  ${envelope(1).checksum.slice(0, 19)}…  first`,
      ]);
      expect(JSON.parse(json.stdout)).toEqual({
        current: 2,
        versions: [
          { version: 2, publishedAt: envelope(2).publishedAt, message: 'reworded banner', checksum: envelope(2).checksum, current: true },
          { version: 1, publishedAt: envelope(1).publishedAt, message: 'first', checksum: envelope(1).checksum, current: false },
        ],
      });
    });

    it('diff says flag by flag in words how the files differ from what is live and exits 1, or exits 0 when they are the same', async () => {
      const [differ, same] = await Promise.all([edgeflag(['diff', fixture('flags-v1'), ...kv()]), edgeflag(['diff', fixture('flags-v2'), ...kv()])]);
      expect(differ.stdout).toContain('The files differ from version 2');
      expect(differ.stdout).toContain('~ flag "banner-text": variant plain "Welcome back" -> "Welcome"');
      expect(differ.code).toBe(1);
      expect(same.stdout).toContain('No differences');
      expect(same.code).toBe(0);
    });

    it('diff --sample and publish --dry-run --sample say how many sample contexts and tenants a segment change moves', async () => {
      const [diff, dryRun] = await Promise.all([
        edgeflag(['diff', fixture('flags-v3'), ...kv(), '--sample', SAMPLE]),
        edgeflag(['publish', fixture('flags-v3'), ...kv(), '--dry-run', '--sample', SAMPLE, '--json']),
      ]);
      expect(diff.code).toBe(1);
      expect(diff.stdout).toContain('~ segment "internal": tenants added: qa');
      expect(diff.stdout).toContain('Impact on 6 sample contexts:\n  flag "new-checkout": 3 of 6 sample contexts change variant (1 tenant)\n');
      expect(dryRun.code).toBe(0);
      expect(JSON.parse(dryRun.stdout)).toMatchObject({
        ok: true,
        dryRun: true,
        version: null,
        impact: [{ key: 'new-checkout', contexts: 3, tenants: 1, rebucketed: 0 }],
      });
    });

    it('rollback to a version that is not in KV is refused with a pointer to history, and nothing above wrote to KV', async () => {
      const run = await edgeflag(['rollback', '9', ...kv()]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('version 9 is not in KV');
      expect(run.stderr).toContain('edgeflag history');
      expect(await readLocalKv(persistTo)).toEqual(published);
    });
  });

  describe('commands that write', () => {
    it('rollback publishes the old content as a new version "rollback to v1", leaving the files alone', async () => {
      const files = readFileSync(join(fixture('flags-v2'), 'flags.yaml'), 'utf8');
      const run = await edgeflag(['rollback', '1', ...kv()]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('~ flag "banner-text": variant plain "Welcome back" -> "Welcome"');
      expect(run.stdout).toContain('Published version 3');
      const store = await readLocalKv(persistTo);
      const v1 = JSON.parse(store[versionKey(1)]!) as { checksum: string; flags: unknown };
      const v3 = JSON.parse(store[versionKey(3)]!) as { checksum: string; flags: unknown; message: string };
      expect(v3).toMatchObject({ checksum: v1.checksum, flags: v1.flags, message: 'rollback to v1' });
      expect(JSON.parse(store[POINTER_KEY]!)).toEqual({ version: 3, checksum: v1.checksum });
      expect(readFileSync(join(fixture('flags-v2'), 'flags.yaml'), 'utf8')).toBe(files);
    });

    it('publish --keep 2 prunes every version but the newest two and says which', async () => {
      const run = await edgeflag(['publish', fixture('flags-v2'), ...kv(), '--keep', '2', '--json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, version: 4, pruned: [2, 1] });
      const store = await readLocalKv(persistTo);
      expect(Object.keys(store)).toEqual([POINTER_KEY, versionKey(3), versionKey(4)]);
      expect(JSON.parse(store[POINTER_KEY]!)).toMatchObject({ version: 4 });
    });
  });
});
