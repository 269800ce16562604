import type { EvaluationContext } from '../engine/index.ts';
import type { LoadedSnapshot } from '../store/index.ts';
import { canonicalJson, scheduleEpoch, sha256Hex } from '../store/index.ts';

/** Which flags a bulk response holds: every flag (server key) or only `client: true` ones. */
export type Audience = 'all' | 'client';

/**
 * The strong entity-tag of a bulk evaluation: everything its body depends on, hashed. That is the
 * snapshot version, the context (canonical JSON, so key order does not matter), which flags the
 * caller may see, and how many schedule boundaries have passed, so a schedule opening or closing
 * changes the tag although the version did not. The web provider keeps its ETag when the context
 * changes (unless targetingKey does), so a tag without the context would answer a new context with
 * a stale 304.
 *
 * @example await bulkEtag(loaded, 'client', { targetingKey: 'u-1' }, Date.now()) // '"12-9f86d081884c7d65…"'
 */
export async function bulkEtag(
  loaded: LoadedSnapshot | undefined,
  audience: Audience,
  context: EvaluationContext,
  now: number,
): Promise<string> {
  const version = loaded === undefined ? 'none' : String(loaded.version);
  const epoch = loaded === undefined ? 0 : scheduleEpoch(loaded.scheduleBoundaries, now);
  const checksum = loaded?.checksum ?? '';
  const hash = await sha256Hex(`${version}\n${checksum}\n${audience}\n${epoch}\n${canonicalJson(context)}`);
  // 128 bits of SHA-256: a collision would answer one context with another's 304.
  return `"${version}-${hash.slice(0, 32)}"`;
}
