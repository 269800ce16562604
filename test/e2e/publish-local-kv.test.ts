// `edgeflag publish --local` run as a user runs it (bin/edgeflag.mjs), writing through the real
// wrangler CLI into a throwaway local KV directory; KV is read back with miniflare, not with the
// code under test.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotChecksum } from '../../src/store/checksum.ts';
import { POINTER_KEY, versionKey } from '../../src/store/keys.ts';
import { edgeflag, fixture, publishFixture } from './edgeflag-cli.ts';
import { readLocalKv } from './local-kv.ts';

describe('edgeflag publish --local through the wrangler CLI', { timeout: 90_000 }, () => {
  let persistTo: string;
  /** KV right after the first publish; no later test may change it. */
  let published: Record<string, string>;

  beforeAll(async () => {
    persistTo = await mkdtemp(join(tmpdir(), 'edgeflag-e2e-publish-'));
    await publishFixture('flags-v1', persistTo, 'first publish');
    published = await readLocalKv(persistTo);
  }, 60_000);

  afterAll(async () => {
    await rm(persistTo, { recursive: true, force: true });
  });

  it('writes the files as immutable version 1 and points snapshot:current at it', async () => {
    const kv = published;
    expect(Object.keys(kv)).toEqual([POINTER_KEY, versionKey(1)]);
    const envelope = JSON.parse(kv[versionKey(1)]!) as Record<string, unknown>;
    expect(envelope).toMatchObject({ format: 1, version: 1, message: 'first publish' });
    expect(Object.keys(envelope.flags as object).sort()).toEqual(['banner-text', 'max-items', 'new-checkout', 'retired-search', 'theme']);
    const checksum = await snapshotChecksum({ segments: envelope.segments, flags: envelope.flags });
    expect(envelope.checksum).toBe(checksum);
    expect(JSON.parse(kv[POINTER_KEY]!)).toEqual({ version: 1, checksum });
  });

  it('refuses an invalid file, printing each problem with its file and line, and leaves KV exactly as it was', async () => {
    const run = await edgeflag(['publish', fixture('invalid'), '--local', '--persist-to', persistTo]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('invalid/flags.yaml:6:');
    expect(run.stderr).toContain('unknown variant "onn"');
    expect(run.stderr).toContain('invalid/flags.yaml:10:');
    expect(run.stderr).toContain('unknown field "enabeld"');
    expect(run.stderr).toContain('nothing was published (KV is unchanged)');
    expect(await readLocalKv(persistTo)).toEqual(published);
  });

  it('says so and writes nothing when the content is already published', async () => {
    const run = await edgeflag(['publish', fixture('flags-v1'), '--local', '--persist-to', persistTo]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Unchanged: .* already serves this content as version 1; nothing published/);
    expect(await readLocalKv(persistTo)).toEqual(published);
  });

  it('--dry-run describes a change in words and writes nothing', async () => {
    const run = await edgeflag(['publish', fixture('flags-v2'), '--local', '--persist-to', persistTo, '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('would publish version 2');
    expect(run.stdout).toContain('~ flag "banner-text": variant plain "Welcome" -> "Welcome back"');
    expect(await readLocalKv(persistTo)).toEqual(published);
  });

  // Last: it is the one test that changes KV.
  it('publishes changed files as version 2, moves the pointer, and leaves version 1 as it was', async () => {
    const run = await edgeflag(['publish', fixture('flags-v2'), '--local', '--persist-to', persistTo, '--message', 'reworded banner']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Published version 2');
    const kv = await readLocalKv(persistTo);
    expect(Object.keys(kv)).toEqual([POINTER_KEY, versionKey(1), versionKey(2)]);
    expect(kv[versionKey(1)]).toBe(published[versionKey(1)]);
    const envelope = JSON.parse(kv[versionKey(2)]!) as { version: number; message: string; checksum: string };
    expect(envelope).toMatchObject({ version: 2, message: 'reworded banner' });
    expect(JSON.parse(kv[POINTER_KEY]!)).toEqual({ version: 2, checksum: envelope.checksum });
  });
});
