/**
 * Workers KV key names: the contract between `edgeflag publish` and the Worker's snapshot store
 * (design.md "Snapshot in KV"). Pure strings, so the Node CLI imports them too.
 *
 * @example
 * await kv.put(versionKey(12), JSON.stringify(envelope));
 * await kv.put(POINTER_KEY, JSON.stringify({ version: 12, checksum }));
 */

/** The small key the Worker polls: `{"version":N,"checksum":"sha256-<hex>"}`. */
export const POINTER_KEY = 'snapshot:current';

/** Prefix of the immutable version keys. */
export const VERSION_KEY_PREFIX = 'snapshot:v:';

/** Prefix of kill switch records, one key per flag, so two kills never overwrite each other. */
export const KILL_KEY_PREFIX = 'kill:';

/**
 * Rewritten (any new value) by `edgeflag kill` and `revive` after they change a kill record. The
 * Worker reads this one key with the pointer and lists `kill:` only when it changed (and every few
 * minutes regardless): a KV list on every refresh of every isolate would spend the account's list
 * operations (1,000 a day on the Free plan) within hours.
 */
export const KILLS_CHANGED_KEY = 'kills:changed';

/** Versions are padded to this many digits so that KV's lexicographic `list` returns them in order. */
export const VERSION_DIGITS = 10;

/** Largest version a key can hold (10 decimal digits). */
export const MAX_VERSION = 9_999_999_999;

/**
 * The key of one published version: `snapshot:v:0000000012` for version 12.
 *
 * @example versionKey(12) // 'snapshot:v:0000000012'
 */
export function versionKey(version: number): string {
  if (!Number.isSafeInteger(version) || version < 1 || version > MAX_VERSION) {
    throw new RangeError(`snapshot version must be an integer from 1 to ${MAX_VERSION}, got ${version}`);
  }
  return VERSION_KEY_PREFIX + String(version).padStart(VERSION_DIGITS, '0');
}

/**
 * The kill switch record of one flag.
 *
 * @example killKey('new-checkout') // 'kill:new-checkout'
 */
export function killKey(flagKey: string): string {
  return KILL_KEY_PREFIX + flagKey;
}
