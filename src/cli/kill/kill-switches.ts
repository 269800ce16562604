import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { KillRecord } from '../../store/kill-record.ts';
import { killedFlag, readKillRecord } from '../../store/kill-record.ts';
import { KILL_KEY_PREFIX, KILLS_CHANGED_KEY, killKey } from '../../store/keys.ts';
import type { WranglerTarget } from '../wrangler.ts';
import { kvDelete, kvList, kvPut } from '../wrangler.ts';

/** A flag whose kill key exists; `record` is undefined when the key holds no readable record. */
export interface KilledFlag {
  readonly flag: string;
  readonly record: KillRecord | undefined;
}

/**
 * Every kill switch set, in flag key order (one `wrangler kv key list --prefix kill:`).
 *
 * @example await listKills({ local: true }) // [{ flag: 'beta', record: { by: 'ana', … } }]
 */
export async function listKills(target: WranglerTarget): Promise<KilledFlag[]> {
  const keys = await kvList(KILL_KEY_PREFIX, target);
  const kills: KilledFlag[] = [];
  for (const key of keys) {
    const flag = killedFlag(key.name);
    if (flag !== undefined) kills.push({ flag, record: readKillRecord(key.metadata) });
  }
  return kills;
}

/**
 * Sets a flag's kill switch: its own key, so concurrent kills of different flags never collide,
 * and no publish touches it.
 *
 * @example await writeKill({ flag: 'beta', by: 'ana', at: new Date().toISOString(), reason: '500s' }, { local: true })
 */
export async function writeKill(record: KillRecord, target: WranglerTarget): Promise<void> {
  await kvPut(killKey(record.flag), JSON.stringify(record), target, { metadata: record });
  await markKillsChanged(target);
}

/**
 * Removes a flag's kill switch.
 *
 * @example await deleteKill('beta', { local: true })
 */
export async function deleteKill(flag: string, target: WranglerTarget): Promise<void> {
  await kvDelete([killKey(flag)], target);
  await markKillsChanged(target);
}

/**
 * Tells the Workers to list the kill records again (they read this one key on every refresh and
 * list only when it moves). Written after the record, so a Worker that sees the new value lists a
 * KV that already holds it; any new value will do, so two kills at once cannot undo each other.
 */
async function markKillsChanged(target: WranglerTarget): Promise<void> {
  await kvPut(KILLS_CHANGED_KEY, `${new Date().toISOString()} ${randomUUID()}`, target);
}

/**
 * Who is acting: `--by`, else git's user.name, else the login name.
 *
 * @example whoIsActing(undefined, process.cwd()) // 'Ana Lima'
 */
export function whoIsActing(given: string | undefined, cwd: string): string {
  if (given !== undefined && given.trim() !== '') return given.trim();
  try {
    const name = execFileSync('git', ['config', 'user.name'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (name !== '') return name;
  } catch {
    // No git, or no user.name configured: fall back to the login name.
  }
  return process.env.USER ?? process.env.USERNAME ?? userInfo().username;
}
