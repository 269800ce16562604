import { env } from 'cloudflare:workers';
import { KILLS_CHANGED_KEY, killKey } from '../../src/store/index.ts';

/** Writes a kill record as `edgeflag kill` does: the record as value and as metadata, then a new `kills:changed`. */
export async function kill(flag: string, by = 'ana', reason = 'errors on /pay'): Promise<void> {
  const record = { flag, by, at: '2026-07-01T12:00:01.000Z', reason };
  await env.EDGEFLAG_KV.put(killKey(flag), JSON.stringify(record), { metadata: record });
  await env.EDGEFLAG_KV.put(KILLS_CHANGED_KEY, `kill ${flag} ${Math.random()}`);
}

/** Removes a kill record as `edgeflag revive` does: the record, then a new `kills:changed`. */
export async function revive(flag: string): Promise<void> {
  await env.EDGEFLAG_KV.delete(killKey(flag));
  await env.EDGEFLAG_KV.put(KILLS_CHANGED_KEY, `revive ${flag} ${Math.random()}`);
}
