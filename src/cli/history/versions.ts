import { parseEnvelope } from '../../store/envelope.ts';
import { VERSION_KEY_PREFIX, versionKey } from '../../store/keys.ts';
import type { WranglerTarget } from '../wrangler.ts';
import { kvBulkGet, kvList } from '../wrangler.ts';

/** One published version as `edgeflag history` shows it. */
export interface HistoryEntry {
  readonly version: number;
  /** ISO time of the publish; `null` when the version key does not hold a readable envelope. */
  readonly publishedAt: string | null;
  readonly message: string;
  readonly checksum: string | null;
  /** This is the version `snapshot:current` points at. */
  readonly current: boolean;
}

const VERSION_KEY = /^snapshot:v:(\d{10})$/;

/**
 * The version numbers that have a key in KV, newest first (one `wrangler kv key list`).
 *
 * @example await listVersions({ local: true }) // [3, 2, 1]
 */
export async function listVersions(target: WranglerTarget): Promise<number[]> {
  const keys = await kvList(VERSION_KEY_PREFIX, target);
  const versions: number[] = [];
  for (const { name } of keys) {
    const digits = VERSION_KEY.exec(name)?.[1];
    if (digits !== undefined) versions.push(Number(digits));
  }
  return versions.sort((a, b) => b - a);
}

/**
 * Every version kept in KV, newest first, with its time, message and checksum (one list and one
 * bulk read, however many versions there are); `currentVersion` is read meanwhile.
 *
 * @example const entries = await readHistory({ local: true }, readPointer(target).then((p) => p?.version));
 */
export async function readHistory(target: WranglerTarget, currentVersion: Promise<number | undefined>): Promise<HistoryEntry[]> {
  const [versions, current] = await Promise.all([listVersions(target), currentVersion]);
  const texts = await kvBulkGet(versions.map(versionKey), target);
  return versions.map((version) => {
    const key = versionKey(version);
    const text = texts.get(key);
    const parsed = text === undefined ? undefined : parseEnvelope(text, key);
    const isCurrent = version === current;
    if (parsed?.ok !== true) return { version, publishedAt: null, message: '(unreadable envelope)', checksum: null, current: isCurrent };
    const { publishedAt, message, checksum } = parsed.value;
    return { version, publishedAt, message, checksum, current: isCurrent };
  });
}
