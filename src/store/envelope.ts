import type { FlagDocument } from '../engine/index.ts';
import { CHECKSUM_PATTERN } from './checksum.ts';
import type { LoadFailure } from './fault.ts';
import { failure } from './fault.ts';
import { MAX_VERSION, POINTER_KEY } from './keys.ts';

/** The snapshot format this Worker reads; a newer one is refused, never guessed at. */
export const SNAPSHOT_FORMAT = 1;

/**
 * The value of `snapshot:current`: which version to serve and its checksum.
 *
 * @example { "version": 12, "checksum": "sha256-3f…" }
 */
export interface SnapshotPointer {
  readonly version: number;
  readonly checksum: string;
}

/**
 * The value of a version key, as `edgeflag publish` writes it. `segments` and `flags` are the
 * merged flag document exactly as the files say; the Worker validates and compiles them again.
 *
 * @example { "format": 1, "version": 12, "checksum": "sha256-…", "publishedAt": "2026-07-01T10:00:00.000Z", "message": "beta to 25%", "segments": {}, "flags": { … } }
 */
export interface SnapshotEnvelope {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly version: number;
  readonly checksum: string;
  readonly publishedAt: string;
  readonly message: string;
  readonly segments: NonNullable<FlagDocument['segments']>;
  readonly flags: FlagDocument['flags'];
}

/** An envelope read back from KV: its shape is checked, its document is not yet validated. */
export interface UnverifiedEnvelope extends Omit<SnapshotEnvelope, 'segments' | 'flags'> {
  readonly segments: unknown;
  readonly flags: unknown;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | LoadFailure;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isVersion(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= MAX_VERSION;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Reads the pointer key's text.
 *
 * @example parsePointer('{"version":12,"checksum":"sha256-…"}')
 */
export function parsePointer(text: string): Parsed<SnapshotPointer> {
  const json = parseJson(text);
  const value = json.ok ? json.value : undefined;
  if (!isRecord(value) || !isVersion(value.version) || typeof value.checksum !== 'string' || !CHECKSUM_PATTERN.test(value.checksum)) {
    return failure(
      'pointer-invalid',
      `${POINTER_KEY} is not {"version":N,"checksum":"sha256-<hex>"}: publish again with edgeflag publish`,
    );
  }
  return { ok: true, value: { version: value.version, checksum: value.checksum } };
}

/**
 * Reads a version key's text: JSON, format 1, and the envelope fields with their types.
 *
 * @example parseEnvelope(await kv.get(versionKey(12), 'text'))
 */
export function parseEnvelope(text: string, key: string): Parsed<UnverifiedEnvelope> {
  const json = parseJson(text);
  if (!json.ok) return failure('snapshot-corrupt', `${key} is not valid JSON (${json.message})`);
  const value = json.value;
  if (!isRecord(value)) return failure('snapshot-corrupt', `${key} is not a JSON object`);
  if (value.format !== SNAPSHOT_FORMAT) {
    return failure(
      'format-unknown',
      `${key} has snapshot format ${JSON.stringify(value.format)}, this Worker reads format ${SNAPSHOT_FORMAT}: deploy the Worker from the same edgeflag release as the CLI that published it`,
    );
  }
  const wrong: string[] = [];
  if (!isVersion(value.version)) wrong.push('version (an integer >= 1)');
  if (typeof value.checksum !== 'string' || !CHECKSUM_PATTERN.test(value.checksum)) wrong.push('checksum ("sha256-<hex>")');
  if (typeof value.publishedAt !== 'string' || Number.isNaN(Date.parse(value.publishedAt))) wrong.push('publishedAt (an ISO date-time)');
  if (typeof value.message !== 'string') wrong.push('message (a string)');
  if (!isRecord(value.flags)) wrong.push('flags (an object)');
  if (wrong.length > 0) return failure('snapshot-corrupt', `${key} lacks or mistypes ${wrong.join(', ')}`);
  return {
    ok: true,
    value: {
      format: SNAPSHOT_FORMAT,
      version: value.version as number,
      checksum: value.checksum as string,
      publishedAt: value.publishedAt as string,
      message: value.message as string,
      segments: value.segments,
      flags: value.flags,
    },
  };
}
