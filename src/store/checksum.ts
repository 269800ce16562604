import { canonicalJson } from './canonical-json.ts';

/** What a snapshot's checksum covers: the merged flag document. */
export interface ChecksumInput {
  readonly segments?: unknown;
  readonly flags: unknown;
}

/** `sha256-` followed by 64 lowercase hex digits. */
export const CHECKSUM_PATTERN = /^sha256-[0-9a-f]{64}$/;

/**
 * The checksum of a flag document as the snapshot envelope and pointer carry it: SHA-256 of
 * `canonicalJson({ segments, flags })`, in hex (design.md "Snapshot in KV"). Web Crypto only,
 * so Node (the publish CLI) and Workers compute the same value.
 *
 * @example await snapshotChecksum({ segments: {}, flags: { beta: { client: true } } }) // 'sha256-…'
 */
export async function snapshotChecksum(document: ChecksumInput): Promise<string> {
  const text = canonicalJson({ segments: document.segments, flags: document.flags });
  return 'sha256-' + (await sha256Hex(text));
}

/** Lowercase hex SHA-256 of a string's UTF-8 bytes. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
