import { parseEnvelope } from '../../store/envelope.ts';
import { VERSION_DIGITS, VERSION_KEY_PREFIX, versionKey } from '../../store/keys.ts';
import { readPointer } from '../publish/published-snapshot.ts';
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

const VERSION_KEY = new RegExp(`^${VERSION_KEY_PREFIX}(\\d{${VERSION_DIGITS}})$`);

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

/** What `edgeflag history` shows: the version the pointer names and every version kept. */
export interface History {
  /** The version `snapshot:current` names; `undefined` when nothing is published. */
  readonly current: number | undefined;
  readonly entries: HistoryEntry[];
}

/**
 * Every version kept in KV, newest first, with its time, message and checksum, and the version
 * the pointer names: the pointer is read alongside the list, then one bulk read, however many
 * versions there are.
 *
 * @example const { current, entries } = await readHistory({ local: true });
 */
export async function readHistory(target: WranglerTarget): Promise<History> {
  const [versions, pointer] = await Promise.all([listVersions(target), readPointer(target)]);
  const current = pointer?.version;
  const texts = await kvBulkGet(versions.map(versionKey), target);
  const entries = versions.map((version): HistoryEntry => {
    const key = versionKey(version);
    const text = texts.get(key);
    const parsed = text === undefined ? undefined : parseEnvelope(text, key);
    const isCurrent = version === current;
    if (parsed?.ok !== true) return { version, publishedAt: null, message: '(unreadable envelope)', checksum: null, current: isCurrent };
    const { publishedAt, message, checksum } = parsed.value;
    return { version, publishedAt, message, checksum, current: isCurrent };
  });
  return { current, entries };
}
