import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SnapshotEnvelope, SnapshotPointer, UnverifiedEnvelope } from '../../store/envelope.ts';
import { parseEnvelope, parsePointer } from '../../store/envelope.ts';
import { POINTER_KEY, versionKey } from '../../store/keys.ts';
import type { WranglerTarget } from '../wrangler.ts';
import { kvGet, kvPutFile } from '../wrangler.ts';

/** KV holds something publish cannot build on; the message says what and how to repair it. */
export class PublishedStateError extends Error {
  override readonly name = 'PublishedStateError';
}

/**
 * The pointer `snapshot:current`, or `undefined` when nothing was ever published.
 *
 * @example const pointer = await readPointer({ local: true }); // { version: 3, checksum: 'sha256-…' }
 */
export async function readPointer(target: WranglerTarget): Promise<SnapshotPointer | undefined> {
  const text = await kvGet(POINTER_KEY, target);
  if (text === undefined) return undefined;
  const parsed = parsePointer(text);
  if (!parsed.ok) throw new PublishedStateError(`${parsed.message} (it holds ${preview(text)})`);
  return parsed.value;
}

/**
 * The envelope of one published version, or `undefined` when its key is missing.
 *
 * @example const current = await readEnvelope(3, { local: true });
 */
export async function readEnvelope(version: number, target: WranglerTarget): Promise<UnverifiedEnvelope | undefined> {
  const key = versionKey(version);
  const text = await kvGet(key, target);
  if (text === undefined) return undefined;
  const parsed = parseEnvelope(text, key);
  if (!parsed.ok) throw new PublishedStateError(parsed.message);
  return parsed.value;
}

/**
 * Writes the envelope under its immutable version key, reads it back, and only then moves the
 * pointer, so the Worker never follows a pointer to a version that is not fully in KV.
 * A version key written by an earlier publish that failed before moving the pointer was never
 * served, so writing over it keeps the published history immutable.
 *
 * @example await writeSnapshot(envelope, { local: true });
 */
export async function writeSnapshot(envelope: SnapshotEnvelope, target: WranglerTarget): Promise<void> {
  const key = versionKey(envelope.version);
  const text = JSON.stringify(envelope);
  const pointer: SnapshotPointer = { version: envelope.version, checksum: envelope.checksum };
  const dir = await mkdtemp(join(tmpdir(), 'edgeflag-publish-'));
  try {
    const envelopePath = join(dir, 'envelope.json');
    await writeFile(envelopePath, text, 'utf8');
    await kvPutFile(key, envelopePath, target);
    await verifyReadBack(key, text, target);
    const pointerPath = join(dir, 'pointer.json');
    await writeFile(pointerPath, JSON.stringify(pointer), 'utf8');
    await kvPutFile(POINTER_KEY, pointerPath, target);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Remote reads may briefly lag a write (KV is eventually consistent), so they get a few tries. */
async function verifyReadBack(key: string, expected: string, target: WranglerTarget): Promise<void> {
  const attempts = target.local ? 1 : 4;
  let seen: string | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    seen = await kvGet(key, target);
    if (seen === expected) return;
    if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, 1500 * attempt));
  }
  throw new PublishedStateError(
    `${key} did not read back as written (${seen === undefined ? 'missing' : `read ${seen.length} bytes, wrote ${expected.length}`}); ` +
      `the pointer ${POINTER_KEY} was not moved, so the Worker keeps serving the previous version. Run edgeflag publish again.`,
  );
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 80)}…` : flat;
}
