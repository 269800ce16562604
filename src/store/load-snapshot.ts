import type { CompiledSnapshot } from '../engine/index.ts';
import { compile } from '../engine/index.ts';
import { formatPath, validateDocument } from '../schema/index.ts';
import { snapshotChecksum } from './checksum.ts';
import type { SnapshotPointer } from './envelope.ts';
import { parseEnvelope } from './envelope.ts';
import type { LoadFailure } from './fault.ts';
import { failure } from './fault.ts';
import { versionKey } from './keys.ts';
import type { KvLister } from './kill-switches.ts';
import { NO_KILLS } from './kill-switches.ts';
import { scheduleBoundaries } from './schedule-epoch.ts';

/**
 * The read side of a KV namespace the store needs; a `KVNamespace` binding satisfies it, and a
 * test can wrap one to count reads or to make them fail. Kill switches are listed with `list`; a
 * reader without it (a test double of `get` only) has no kill switches.
 */
export interface KvReader {
  get(key: string, options: { type: 'text'; cacheTtl?: number }): Promise<string | null>;
  list?: KvLister['list'];
}

/** One published version, validated and compiled, as the Worker serves it. */
export interface LoadedSnapshot {
  readonly version: number;
  readonly checksum: string;
  readonly publishedAt: string;
  readonly publishedAtMs: number;
  readonly message: string;
  readonly snapshot: CompiledSnapshot;
  /** See `scheduleBoundaries`: evaluations change between versions only at these instants. */
  readonly scheduleBoundaries: readonly number[];
  /** Epoch ms this isolate loaded it. */
  readonly loadedAt: number;
  /**
   * Flags killed in KV as of the last kill read, passed to the engine as `killed`. Kill records are
   * keys of their own, so they outlive any version: the store sets this on whatever version it serves.
   */
  readonly killed: ReadonlySet<string>;
}

export type LoadResult = { readonly ok: true; readonly value: LoadedSnapshot } | LoadFailure;

const MAX_LISTED_ISSUES = 3;

/**
 * Reads the version a pointer names and turns it into a servable snapshot, or says why it cannot:
 * missing, corrupt, unknown format, not the version or checksum the pointer promised, or invalid.
 * A new snapshot is only ever built whole (flagd-core's rule: a bad config never half-applies).
 *
 * @example const result = await loadVersion(env.EDGEFLAG_KV, { version: 12, checksum }, Date.now());
 */
export async function loadVersion(kv: KvReader, pointer: SnapshotPointer, now: number): Promise<LoadResult> {
  const key = versionKey(pointer.version);
  let text: string | null;
  try {
    text = await kv.get(key, { type: 'text' });
  } catch (error) {
    return failure('kv-read-failed', `reading ${key} from KV failed: ${describe(error)}`);
  }
  if (text === null) {
    return failure(
      'version-missing',
      `${key} is not in KV although the pointer names it (KV may not have propagated it yet; it is retried every refresh)`,
    );
  }
  const parsed = parseEnvelope(text, key);
  if (!parsed.ok) return parsed;
  const envelope = parsed.value;
  if (envelope.version !== pointer.version) {
    return failure('version-mismatch', `${key} holds version ${envelope.version}: publish again with edgeflag publish`);
  }
  if (envelope.checksum !== pointer.checksum) {
    return failure('checksum-mismatch', `${key} has checksum ${envelope.checksum}, the pointer expects ${pointer.checksum}`);
  }
  const actual = await snapshotChecksum({ segments: envelope.segments, flags: envelope.flags });
  if (actual !== envelope.checksum) {
    return failure('checksum-mismatch', `${key}'s flags and segments hash to ${actual}, not to its checksum ${envelope.checksum}`);
  }

  const validated = validateDocument({ segments: envelope.segments, flags: envelope.flags });
  if (!validated.ok) {
    const listed = validated.issues.slice(0, MAX_LISTED_ISSUES).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
    const more = validated.issues.length > MAX_LISTED_ISSUES ? ` (and ${validated.issues.length - MAX_LISTED_ISSUES} more)` : '';
    return failure(
      'validation-failed',
      `${key} fails validation: ${listed.join('; ')}${more}. Run edgeflag validate on the files and publish again`,
    );
  }

  let snapshot: CompiledSnapshot;
  try {
    snapshot = compile(validated.document);
  } catch (error) {
    return failure('compile-failed', `${key} passed validation but did not compile: ${describe(error)}`);
  }
  return {
    ok: true,
    value: Object.freeze({
      version: envelope.version,
      checksum: envelope.checksum,
      publishedAt: envelope.publishedAt,
      publishedAtMs: Date.parse(envelope.publishedAt),
      message: envelope.message,
      snapshot,
      scheduleBoundaries: scheduleBoundaries(validated.document),
      loadedAt: now,
      killed: NO_KILLS.killed,
    }),
  };
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
