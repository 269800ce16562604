// What `edgeflag publish` does when wrangler fails or KV holds something it cannot build on: real
// wrangler, real local KV, faults caused for real (a configuration without the binding, a bad pointer).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kvPutFile } from '../../src/cli/wrangler.ts';
import { POINTER_KEY } from '../../src/store/keys.ts';
import { edgeflag, fixture } from './edgeflag-cli.ts';
import { localKv, readLocalKv } from './local-kv.ts';

describe('edgeflag publish when wrangler or KV fails', { timeout: 60_000 }, () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'edgeflag-e2e-faults-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("exits 1 naming the wrangler command and wrangler's own message when wrangler fails", async () => {
    const config = join(dir, 'no-kv.toml');
    await writeFile(config, 'name = "no-kv"\nmain = "src/worker.ts"\ncompatibility_date = "2026-07-01"\n');
    const run = await edgeflag(['publish', fixture('flags-v1'), '--local', '--persist-to', join(dir, 'state-a'), '--config', config]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('`wrangler kv key get snapshot:current --text --binding EDGEFLAG_KV --local');
    expect(run.stderr).toContain('No KV namespaces are configured in your wrangler config file');
    expect(run.stderr).not.toContain('\u001b[');
    expect(run.stderr).toContain('Nothing was published');
  });

  it('refuses to publish over a pointer it cannot read, and writes nothing', async () => {
    const persistTo = join(dir, 'state-b');
    const garbage = join(dir, 'garbage.txt');
    await writeFile(garbage, 'not a pointer');
    await kvPutFile(POINTER_KEY, garbage, localKv(persistTo));
    const run = await edgeflag(['publish', fixture('flags-v1'), '--local', '--persist-to', persistTo]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('snapshot:current is not {"version":N,"checksum":"sha256-<hex>"}');
    expect(run.stderr).toContain('it holds not a pointer');
    expect(await readLocalKv(persistTo)).toEqual({ [POINTER_KEY]: 'not a pointer' });
  });
});
