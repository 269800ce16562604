import type { KillRecord } from './kill-record.ts';
import { killedFlag, readKillRecord } from './kill-record.ts';
import { KILL_KEY_PREFIX } from './keys.ts';

/**
 * The list side of a KV namespace: a `KVNamespace` binding satisfies it. Kill records are read with
 * `list`, not `get`: one call returns every `kill:` key with its metadata (the record), however
 * many flags are killed, and a kill written a moment ago is seen without knowing its key.
 */
export interface KvLister {
  list(options: { prefix: string; cursor?: string }): Promise<{
    readonly keys: readonly { readonly name: string; readonly metadata?: unknown }[];
    readonly list_complete: boolean;
    readonly cursor?: string;
  }>;
}

/** The kill switches set in KV: which flags, and who set each, when and why (when recorded). */
export interface KillSwitches {
  readonly killed: ReadonlySet<string>;
  /** In flag key order; `record` is undefined for a key written by hand without metadata. */
  readonly records: readonly { readonly flag: string; readonly record: KillRecord | undefined }[];
}

/** No flag killed. */
export const NO_KILLS: KillSwitches = Object.freeze({ killed: Object.freeze(new Set<string>()), records: Object.freeze([]) });

/** KV lists at most 1000 keys a page; more pages than this means something wrote junk under `kill:`. */
const MAX_PAGES = 10;

/**
 * Every `kill:<flag>` key in KV. Throws when KV fails: the caller keeps the kill switches it had,
 * because treating a failed read as "nothing killed" would revive every killed flag.
 *
 * @example const { killed } = await readKillSwitches(env.EDGEFLAG_KV); // Set { 'new-checkout' }
 */
export async function readKillSwitches(kv: KvLister): Promise<KillSwitches> {
  const records: { flag: string; record: KillRecord | undefined }[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const listed = await kv.list(cursor === undefined ? { prefix: KILL_KEY_PREFIX } : { prefix: KILL_KEY_PREFIX, cursor });
    for (const key of listed.keys) {
      const flag = killedFlag(key.name);
      if (flag !== undefined) records.push({ flag, record: readKillRecord(key.metadata) });
    }
    if (listed.list_complete || listed.cursor === undefined) break;
    cursor = listed.cursor;
  }
  if (records.length === 0) return NO_KILLS;
  records.sort((a, b) => (a.flag < b.flag ? -1 : a.flag > b.flag ? 1 : 0));
  return Object.freeze({ killed: new Set(records.map(({ flag }) => flag)), records: Object.freeze(records) });
}

/**
 * Whether two reads found the same flags killed (records aside), so an unchanged read keeps the
 * served snapshot object, and what depends on its identity, as it is.
 *
 * @example sameKills(before.killed, after.killed) // true
 */
export function sameKills(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const flag of a) if (!b.has(flag)) return false;
  return true;
}
