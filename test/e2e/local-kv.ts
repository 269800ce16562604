import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import type { WranglerTarget } from '../../src/cli/wrangler.ts';
import { REPO_ROOT } from './wrangler-dev.ts';

/** The local KV in one `--persist-to` directory, as the CLI's wrangler calls address it. */
export function localKv(persistTo: string): WranglerTarget {
  return { local: true, persistTo, cwd: REPO_ROOT };
}

/** The id wrangler.toml gives EDGEFLAG_KV: local KV is stored under it. */
function namespaceId(): string {
  const toml = readFileSync(join(REPO_ROOT, 'wrangler.toml'), 'utf8');
  const id = /binding\s*=\s*"EDGEFLAG_KV"\s*\n(?:\s*#.*\n)*\s*id\s*=\s*"([^"]+)"/.exec(toml)?.[1];
  if (id === undefined) throw new Error('wrangler.toml has no id for the EDGEFLAG_KV binding');
  return id;
}

/** Miniflare over the same local store wrangler persisted under `persistTo`, independent of the code under test. */
function localStore(persistTo: string): Miniflare {
  return new Miniflare({
    modules: true,
    script: 'export default { fetch() { return new Response(null, { status: 204 }); } };',
    kvNamespaces: { EDGEFLAG_KV: namespaceId() },
    kvPersist: join(persistTo, 'v3', 'kv'),
  });
}

/**
 * Writes one key of the local EDGEFLAG_KV under `persistTo` as a hand edit or a fault would leave it.
 *
 * @example await writeLocalKv(dir, POINTER_KEY, '{"version":7,…}');
 */
export async function writeLocalKv(persistTo: string, key: string, value: string): Promise<void> {
  const miniflare = localStore(persistTo);
  try {
    await (await miniflare.getKVNamespace('EDGEFLAG_KV')).put(key, value);
  } finally {
    await miniflare.dispose();
  }
}

/**
 * Every key and value of the local EDGEFLAG_KV namespace that wrangler persisted under
 * `persistTo`, read independently of the code under test (miniflare opens the same store).
 *
 * @example expect(await readLocalKv(dir)).toEqual(before);
 */
export async function readLocalKv(persistTo: string): Promise<Record<string, string>> {
  const miniflare = localStore(persistTo);
  try {
    const kv = await miniflare.getKVNamespace('EDGEFLAG_KV');
    const entries: [string, string][] = [];
    let cursor: string | undefined;
    do {
      const page = await kv.list(cursor === undefined ? {} : { cursor });
      for (const { name } of page.keys) entries.push([name, (await kv.get(name)) ?? '(missing)']);
      cursor = page.list_complete ? undefined : page.cursor;
    } while (cursor !== undefined);
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
  } finally {
    await miniflare.dispose();
  }
}
