import type { FlagDocument } from '../../engine/index.ts';
import { validateDocument } from '../../schema/index.ts';
import type { ExitCode } from '../command.ts';
import { defineCommand } from '../command.ts';
import { UsageError, UserError } from '../errors.ts';
import { readPublishedDocument } from '../history/published-document.ts';
import { terminalProgress } from '../history/progress.ts';
import { keepFromArgument, KEEP_OPTION, pruneAfterPublish, prunedLine } from '../history/retention.ts';
import { kvTarget, KV_TARGET_OPTIONS, reportingKvErrors } from '../kv-target.ts';
import { describeChanges, formatChange } from '../publish/describe-changes.ts';
import { publishDocument } from '../publish/publish-document.ts';
import { PublishedStateError, readEnvelope } from '../publish/published-snapshot.ts';
import type { WranglerTarget } from '../wrangler.ts';

export default defineCommand({
  summary: 'Make an earlier version current again, as a new version (files untouched)',
  usage: 'rollback VERSION [--local] [--env NAME] [--keep N] [--json]',
  description: [
    'Reads version VERSION from KV and publishes its content as the next version, with the message',
    '"rollback to vVERSION", so history stays append-only and a rollback can itself be rolled back.',
    'Your flag files are not changed: `edgeflag diff` then shows how they differ from what is live.',
    'Kill switches are separate keys and stay as they are. Versions beyond --keep are pruned.',
    'With --json: { ok, rolledBackTo, version, changes, pruned, output }.',
  ].join('\n'),
  options: { ...KV_TARGET_OPTIONS, ...KEEP_OPTION },
  positionals: ['VERSION'],
  async run({ values, positionals }, io): Promise<ExitCode> {
    const text = positionals[0];
    if (text === undefined) throw new UsageError('name the version to roll back to (see edgeflag history): edgeflag rollback VERSION');
    const version = Number(text.replace(/^v/, ''));
    if (!/^v?\d+$/.test(text) || !Number.isSafeInteger(version) || version < 1) {
      throw new UsageError(`VERSION must be a version number such as 3 or v3, got "${text}"`);
    }
    const keep = keepFromArgument(values.keep);
    const target = kvTarget(values, io.cwd);
    // Output waits until the progress line is gone, so the two never share a terminal line.
    const lines: { stream: 'out' | 'err'; line: string }[] = [];
    const output = { out: (line: string) => lines.push({ stream: 'out', line }), err: (line: string) => lines.push({ stream: 'err', line }) };
    const progress = terminalProgress(`rolling back to v${version}`);
    const result = await reportingKvErrors(async () => {
      try {
        progress.update(0, 3, 'reading versions');
        const wanted = await readPublishedDocument(target, version);
        if (wanted === undefined) throw new UserError('nothing is published yet, so there is nothing to roll back to');
        const pointer = wanted.pointer;
        const current = pointer === undefined || pointer.version === version ? wanted.document : await readCurrent(pointer.version, target);
        const changes = describeChanges(current, wanted.document);
        output.out(`Rolling back to v${version} (${wanted.message === '' ? 'no message' : `"${wanted.message}"`}); compared with what is live:`);
        if (current === undefined) output.out(`  (the live version ${pointer?.version ?? ''} does not validate, so every flag counts as added)`);
        for (const change of changes) output.out(`  ${formatChange(change)}`);
        if (changes.length === 0) output.out('  no flag or segment changes');
        progress.update(1, 3, 'writing the new version');
        const message = `rollback to v${version}`;
        const outcome = await publishDocument(wanted.document, { target, dryRun: false, message, pointer: pointer ?? null }, output);
        progress.update(2, 3, 'pruning old versions');
        const now = outcome.version;
        const pruned = now === undefined ? [] : await pruneAfterPublish(target, keep, now, output);
        return { code: outcome.code, now, changes, pruned };
      } finally {
        progress.done();
      }
    });
    if (values.json === true) {
      const output = lines.map(({ line }) => line);
      io.out(JSON.stringify({ ok: result.code === 0, rolledBackTo: version, version: result.now ?? null, changes: result.changes, pruned: result.pruned, output }));
      return result.code;
    }
    for (const { stream, line } of lines) io[stream](line);
    const line = prunedLine(result.pruned, keep);
    if (line !== undefined) io.out(line);
    return result.code;
  },
});

/** The live document, or `undefined` when it does not validate: a rollback is how one recovers from that. */
async function readCurrent(version: number, target: WranglerTarget): Promise<FlagDocument | undefined> {
  let envelope;
  try {
    envelope = await readEnvelope(version, target);
  } catch (error) {
    if (error instanceof PublishedStateError) return undefined;
    throw error;
  }
  if (envelope === undefined) return undefined;
  const validated = validateDocument({ segments: envelope.segments, flags: envelope.flags });
  return validated.ok ? validated.document : undefined;
}
