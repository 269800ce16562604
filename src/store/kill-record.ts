import { KILL_KEY_PREFIX } from './keys.ts';

/**
 * A kill switch as `edgeflag kill` writes it under `kill:<flag>`, both as the value and as the key's
 * metadata, so one `list({ prefix: 'kill:' })` gives the Worker and `edgeflag status` every record.
 *
 * @example { "flag": "new-checkout", "by": "ana", "at": "2026-11-24T15:02:11.000Z", "reason": "500s on /pay" }
 */
export interface KillRecord {
  readonly flag: string;
  readonly by: string;
  /** ISO 8601 time of the kill. */
  readonly at: string;
  readonly reason: string;
}

/** KV metadata is at most 1024 bytes serialized; a reason this long keeps the record well inside. */
export const MAX_KILL_REASON_LENGTH = 500;

/**
 * The flag key a listed KV key kills, or `undefined` for a key outside `kill:`.
 *
 * @example killedFlag('kill:new-checkout') // 'new-checkout'
 */
export function killedFlag(keyName: string): string | undefined {
  return keyName.startsWith(KILL_KEY_PREFIX) && keyName.length > KILL_KEY_PREFIX.length ? keyName.slice(KILL_KEY_PREFIX.length) : undefined;
}

/**
 * A kill record from a key's metadata, or `undefined` when it is not one (a key written by hand):
 * the flag is still killed, only who, when and why are unknown.
 *
 * @example readKillRecord({ flag: 'beta', by: 'ana', at: '…', reason: '' })
 */
export function readKillRecord(metadata: unknown): KillRecord | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const { flag, by, at, reason } = metadata as Record<string, unknown>;
  if (typeof flag !== 'string' || typeof by !== 'string' || typeof at !== 'string' || typeof reason !== 'string') return undefined;
  return { flag, by, at, reason };
}
