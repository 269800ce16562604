/**
 * The snapshot in KV: key names, the envelope, its checksum (shared with `edgeflag publish`), and
 * the Worker's per-isolate snapshot store. Nothing here needs a Workers-only API.
 *
 * @example
 * import { POINTER_KEY, versionKey, snapshotChecksum } from '../store/index.ts';
 * const checksum = await snapshotChecksum({ segments, flags });
 */
export { canonicalJson } from './canonical-json.ts';
export { CHECKSUM_PATTERN, sha256Hex, snapshotChecksum } from './checksum.ts';
export type { ChecksumInput } from './checksum.ts';
export { parseEnvelope, parsePointer, SNAPSHOT_FORMAT } from './envelope.ts';
export type { SnapshotEnvelope, SnapshotPointer, UnverifiedEnvelope } from './envelope.ts';
export type { FaultKind, StoreFault } from './fault.ts';
export { KILL_KEY_PREFIX, KILLS_CHANGED_KEY, killKey, MAX_VERSION, POINTER_KEY, VERSION_DIGITS, VERSION_KEY_PREFIX, versionKey } from './keys.ts';
export type { KvReader, LoadedSnapshot } from './load-snapshot.ts';
export { scheduleEpoch } from './schedule-epoch.ts';
export { POINTER_CACHE_TTL_SECONDS, SnapshotStore } from './snapshot-store.ts';
export type { SnapshotStoreOptions, StoreStatus, WaitUntil } from './snapshot-store.ts';
