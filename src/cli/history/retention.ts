import { versionKey } from '../../store/keys.ts';
import { UsageError } from '../errors.ts';
import type { OptionSpec } from '../command.ts';
import type { WranglerTarget } from '../wrangler.ts';
import { kvDelete, WranglerError } from '../wrangler.ts';
import type { Progress } from './progress.ts';
import { terminalProgress } from './progress.ts';
import { listVersions } from './versions.ts';

/** Versions kept when publish or rollback is not told otherwise: enough to roll back a few weeks. */
export const DEFAULT_KEEP = 20;

/** Keys per `wrangler kv bulk delete` run; also the step of the progress line. */
const DELETE_BATCH = 100;

/** `--keep N`, shared by publish and rollback. */
export const KEEP_OPTION = {
  keep: { type: 'string', valueName: 'N', description: `keep the newest N versions in KV and delete older ones (default ${DEFAULT_KEEP})` },
} as const satisfies Record<string, OptionSpec>;

/**
 * The `--keep` value: a whole number >= 1, default `DEFAULT_KEEP`.
 *
 * @example keepFromArgument('5') // 5
 */
export function keepFromArgument(text: string | undefined): number {
  if (text === undefined) return DEFAULT_KEEP;
  const keep = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(keep) || keep < 1) {
    throw new UsageError(`--keep must be a whole number of versions >= 1, got "${text}"`);
  }
  return keep;
}

/**
 * The versions pruning deletes: every one beyond the newest `keep`, except `current` (a pointer
 * moved by hand may name an old version, and the Worker must always find what it names). Newest first.
 *
 * @example versionsToPrune([5, 4, 3, 2, 1], 2, 1) // [3, 2]
 */
export function versionsToPrune(versions: readonly number[], keep: number, current: number | undefined): number[] {
  return [...versions]
    .sort((a, b) => b - a)
    .slice(keep)
    .filter((version) => version !== current);
}

/**
 * Deletes every version key beyond the newest `keep`, never `current`, the version the pointer
 * names (publish and rollback just wrote it). Returns the versions deleted, newest first. Versions
 * are numbered from 1, so while `current <= keep` there is nothing to prune and no wrangler runs;
 * otherwise one `wrangler kv key list`, plus the deletes.
 *
 * @example await pruneVersions({ local: true }, 20, progress, 23) // [3, 2, 1]
 */
async function pruneVersions(target: WranglerTarget, keep: number, progress: Progress, current: number): Promise<number[]> {
  if (current <= keep) return [];
  const versions = await listVersions(target);
  if (versions.length <= keep) return [];
  const doomed = versionsToPrune(versions, keep, current);
  try {
    for (let start = 0; start < doomed.length; start += DELETE_BATCH) {
      progress.update(start, doomed.length);
      await kvDelete(doomed.slice(start, start + DELETE_BATCH).map(versionKey), target);
    }
    if (doomed.length > 0) progress.update(doomed.length, doomed.length);
  } finally {
    // Erased on failure too, so the warning that follows starts on a clean line.
    progress.done();
  }
  return doomed;
}

/**
 * One line saying what pruning deleted, or `undefined` when it deleted nothing.
 *
 * @example prunedLine([3, 2, 1], 20) // 'Pruned 3 old versions beyond the newest 20: v1..v3.'
 */
export function prunedLine(pruned: readonly number[], keep: number): string | undefined {
  if (pruned.length === 0) return undefined;
  const range = pruned.length === 1 ? `v${pruned[0]}` : `v${pruned.at(-1)}..v${pruned[0]}`;
  return `Pruned ${pruned.length} old version${pruned.length === 1 ? '' : 's'} beyond the newest ${keep}: ${range}.`;
}

/**
 * Prunes after a successful publish or rollback. The new version is live by then, so a failure to
 * prune is a warning on stderr, not a failed publish: the next publish prunes again.
 *
 * @example const pruned = await pruneAfterPublish(target, 20, 23, io);
 */
export async function pruneAfterPublish(target: WranglerTarget, keep: number, current: number, io: { err(line: string): void }): Promise<number[]> {
  try {
    return await pruneVersions(target, keep, terminalProgress('pruning old versions'), current);
  } catch (error) {
    if (!(error instanceof WranglerError)) throw error;
    io.err(`warning: published, but pruning versions beyond the newest ${keep} failed (the next publish tries again): ${error.message}`);
    return [];
  }
}
