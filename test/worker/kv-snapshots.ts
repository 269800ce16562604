import { env } from 'cloudflare:workers';
import type { FlagDocument } from '../../src/engine/index.ts';
import type { SnapshotEnvelope } from '../../src/store/index.ts';
import { POINTER_KEY, snapshotChecksum, versionKey } from '../../src/store/index.ts';

/** Writes into the test's real local KV what `edgeflag publish` would: the version key, then the pointer. */
export interface PublishOptions {
  readonly version: number;
  readonly message?: string;
  readonly publishedAt?: string;
}

export async function envelopeOf(document: FlagDocument, options: PublishOptions): Promise<SnapshotEnvelope> {
  const segments = document.segments ?? {};
  return {
    format: 1,
    version: options.version,
    checksum: await snapshotChecksum({ segments, flags: document.flags }),
    publishedAt: options.publishedAt ?? '2026-07-01T11:00:00.000Z',
    message: options.message ?? `test publish ${options.version}`,
    segments,
    flags: document.flags,
  };
}

export async function publish(document: FlagDocument, options: PublishOptions): Promise<SnapshotEnvelope> {
  const envelope = await envelopeOf(document, options);
  await env.EDGEFLAG_KV.put(versionKey(envelope.version), JSON.stringify(envelope));
  await pointTo(envelope.version, envelope.checksum);
  return envelope;
}

/** Moves the pointer only, as a publish whose version key has not propagated yet would look. */
export async function pointTo(version: number, checksum: string): Promise<void> {
  await env.EDGEFLAG_KV.put(POINTER_KEY, JSON.stringify({ version, checksum }));
}

/** Writes any text under a version key and points at it (for corrupt and foreign snapshots). */
export async function publishRaw(version: number, text: string, checksum = `sha256-${'0'.repeat(64)}`): Promise<void> {
  await env.EDGEFLAG_KV.put(versionKey(version), text);
  await pointTo(version, checksum);
}
