import type { FlagDocument } from '../../engine/index.ts';
import { snapshotChecksum } from '../../store/checksum.ts';
import type { SnapshotEnvelope } from '../../store/envelope.ts';
import { SNAPSHOT_FORMAT } from '../../store/envelope.ts';

/**
 * The envelope of a validated document as one version key holds it (design.md "Snapshot in KV").
 * The checksum covers exactly the `segments` and `flags` written, so the Worker can recompute it.
 *
 * @example await buildEnvelope(document, { version: 4, message: 'beta to 25%', publishedAt: new Date() })
 */
export async function buildEnvelope(
  document: FlagDocument,
  publication: { readonly version: number; readonly message: string; readonly publishedAt: Date },
): Promise<SnapshotEnvelope> {
  const segments = document.segments ?? {};
  const flags = document.flags;
  return {
    format: SNAPSHOT_FORMAT,
    version: publication.version,
    checksum: await contentChecksum(document),
    publishedAt: publication.publishedAt.toISOString(),
    message: publication.message,
    segments,
    flags,
  };
}

/**
 * The checksum a publish of `document` would carry; equal checksums mean nothing to publish.
 *
 * @example (await contentChecksum(document)) === pointer.checksum
 */
export function contentChecksum(document: FlagDocument): Promise<string> {
  return snapshotChecksum({ segments: document.segments ?? {}, flags: document.flags });
}
