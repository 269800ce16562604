import type { EvaluationContext } from '../engine/index.ts';
import type { LoadedSnapshot } from '../store/index.ts';
import { canonicalJson, scheduleEpoch } from '../store/index.ts';
import { murmur3Hex128 } from './etag-hash.ts';

/** Which flags a bulk response holds: every flag (server key) or only `client: true` ones. */
export type Audience = 'all' | 'client';

/**
 * The strong entity-tag of a bulk evaluation: everything its body depends on, hashed. That is the
 * snapshot version, the context (canonical JSON, so key order does not matter), which flags the
 * caller may see, and how many schedule boundaries have passed, so a schedule opening or closing
 * changes the tag although the version did not. The web provider keeps its ETag when the context
 * changes (unless targetingKey does), so a tag without the context would answer a new context with
 * a stale 304. Killed flags and a tester's verified overrides change the body without changing the
 * version, so they are in the tag too: a 304 never hides a kill or an override.
 * The hash is MurmurHash3 x86_128, not SHA-256: see etag-hash.ts for why that is enough.
 *
 * @example bulkEtag(loaded, 'client', { targetingKey: 'u-1' }, Date.now()) // '"12-9f86d081884c7d65…"'
 */
export function bulkEtag(
  loaded: LoadedSnapshot | undefined,
  audience: Audience,
  context: EvaluationContext,
  now: number,
  overrides?: ReadonlyMap<string, string>,
): string {
  const version = loaded === undefined ? 'none' : String(loaded.version);
  const epoch = loaded === undefined ? 0 : scheduleEpoch(loaded.scheduleBoundaries, now);
  const checksum = loaded?.checksum ?? '';
  // Kills come sorted by flag key from the store; overrides are sorted by canonicalJson.
  const kills = loaded === undefined || loaded.killed.size === 0 ? '' : [...loaded.killed].join(',');
  const forced = overrides === undefined ? '' : canonicalJson(Object.fromEntries(overrides));
  // The context is written (and its keys sorted) once, straight into the hashed text.
  const hash = murmur3Hex128(`${version}\n${checksum}\n${audience}\n${epoch}\n${kills}\n${forced}\n${canonicalJson(context)}`);
  return `"${version}-${hash}"`;
}
