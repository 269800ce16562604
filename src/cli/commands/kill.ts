import { KEY_PATTERN, closestName } from '../../schema/index.ts';
import { MAX_KILL_REASON_LENGTH } from '../../store/kill-record.ts';
import type { KillRecord } from '../../store/kill-record.ts';
import type { ExitCode } from '../command.ts';
import { defineCommand } from '../command.ts';
import { UsageError, UserError } from '../errors.ts';
import { readPublishedDocument } from '../history/published-document.ts';
import { whoIsActing, writeKill } from '../kill/kill-switches.ts';
import { describeKv, kvTarget, KV_TARGET_OPTIONS, reportingKvErrors } from '../kv-target.ts';
import { PublishedStateError } from '../publish/published-snapshot.ts';
import type { WranglerTarget } from '../wrangler.ts';

/**
 * The published flags, to check the flag against. A kill is what an incident reaches for, so when the
 * published snapshot cannot be read (a missing version, one this edgeflag cannot validate) the
 * refusal says that --force kills without reading it.
 */
async function publishedForKill(flag: string, target: WranglerTarget): ReturnType<typeof readPublishedDocument> {
  try {
    return await readPublishedDocument(target);
  } catch (error) {
    if (error instanceof UserError || error instanceof PublishedStateError) {
      throw new UserError(`${error.message}. To kill "${flag}" without checking the published snapshot, use --force`);
    }
    throw error;
  }
}

/** Workers KV's limit on a key's metadata, serialized (developers.cloudflare.com/kv/platform/limits). */
const MAX_METADATA_BYTES = 1024;

/** Published flags named in a refusal: enough to spot a typo without flooding the terminal. */
const LISTED_FLAGS = 12;

function unknownFlagMessage(flag: string, version: number, published: readonly string[]): string {
  const match = closestName(flag, published);
  const hint = match === undefined ? '' : ` (did you mean "${match}"?)`;
  const sorted = [...published].sort();
  const listed = sorted.length <= LISTED_FLAGS ? sorted.join(', ') : `${sorted.slice(0, LISTED_FLAGS).join(', ')}, … (${sorted.length} in all)`;
  return `flag "${flag}" is not in published version ${version}${hint}; use --force to kill it anyway. Published flags: ${listed === '' ? '(none)' : listed}`;
}

export default defineCommand({
  summary: 'Switch a flag off everywhere now, without a publish (kill switch)',
  usage: 'kill FLAG [--reason TEXT] [--by NAME] [--force] [--local] [--env NAME] [--json]',
  description: [
    'Writes the kill record kill:FLAG = { flag, by, at, reason } to KV. The Worker reads kill records',
    'with the snapshot pointer (same cache TTL) and serves the flag\'s offVariant with reason DISABLED,',
    'before any override, target or rule. The kill stays through later publishes until',
    '`edgeflag revive FLAG`. A flag that is not in the published snapshot is refused unless --force.',
    'On Cloudflare it reaches every location within KV propagation (up to about 60 s) plus the',
    'Worker\'s cache TTL; see the README, "Testing in production".',
  ].join('\n'),
  options: {
    ...KV_TARGET_OPTIONS,
    reason: { type: 'string', valueName: 'TEXT', description: `why (shown by status and health; at most ${MAX_KILL_REASON_LENGTH} characters)` },
    by: { type: 'string', valueName: 'NAME', description: 'who (default: git user.name, else $USER)' },
    force: { type: 'boolean', description: 'kill a flag that is not in the published snapshot (e.g. before publishing it)' },
  },
  positionals: ['FLAG'],
  async run({ values, positionals }, io): Promise<ExitCode> {
    const flag = positionals[0];
    if (flag === undefined) throw new UsageError('name the flag to kill: edgeflag kill FLAG [--reason TEXT]');
    if (!KEY_PATTERN.test(flag)) throw new UsageError(`"${flag}" is not a flag key (keys match ${KEY_PATTERN.source})`);
    const reason = values.reason ?? '';
    if (reason.length > MAX_KILL_REASON_LENGTH) {
      throw new UsageError(`--reason is ${reason.length} characters; keep it to ${MAX_KILL_REASON_LENGTH} (link a ticket for the details)`);
    }
    const target = kvTarget(values, io.cwd);
    const record: KillRecord = { flag, by: whoIsActing(values.by, io.cwd), at: new Date().toISOString(), reason };
    // The record is also the key's metadata, which Workers KV caps at 1024 bytes serialized.
    if (Buffer.byteLength(JSON.stringify(record)) > MAX_METADATA_BYTES) {
      throw new UsageError(`the kill record is over ${MAX_METADATA_BYTES} bytes (KV's metadata limit): shorten --reason or --by`);
    }
    return reportingKvErrors(async (): Promise<ExitCode> => {
      if (values.force !== true) {
        const published = await publishedForKill(flag, target);
        if (published === undefined) {
          throw new UserError(`nothing is published in ${describeKv(target)}, so there is no flag "${flag}" to kill; use --force to kill it in advance`);
        }
        if (!Object.hasOwn(published.document.flags, flag)) {
          throw new UserError(unknownFlagMessage(flag, published.version, Object.keys(published.document.flags)));
        }
      }
      await writeKill(record, target);
      if (values.json === true) io.out(JSON.stringify({ ok: true, killed: record }));
      else io.out(`Killed "${flag}" in ${describeKv(target)}: it serves its offVariant (reason DISABLED) until edgeflag revive ${flag}.`);
      return 0;
    });
  },
});
