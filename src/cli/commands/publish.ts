import { defineCommand } from '../command.ts';
import { contextsFromFile } from '../contexts.ts';
import { UsageError } from '../errors.ts';
import { flagsPathOrDefault } from '../flag-files.ts';
import { refuseInvalidFiles } from '../issue-output.ts';
import { loadFlags } from '../load-flags.ts';
import { keepFromArgument, KEEP_OPTION, pruneAfterPublish, prunedLine } from '../history/retention.ts';
import { SAMPLE_OPTION } from '../impact/impact-preview.ts';
import { kvTarget, KV_TARGET_OPTIONS } from '../kv-target.ts';
import { publishDocument } from '../publish/publish-document.ts';

export default defineCommand({
  summary: 'Validate flag files and publish them to Workers KV through wrangler',
  usage: 'publish [path] [--local] [--env NAME] [--dry-run [--sample FILE.jsonl]] [--message TEXT] [--keep N] [--json]',
  description: [
    'Validates the flag files (any problem: nothing is written), then writes them as the next',
    'immutable snapshot version to the EDGEFLAG_KV namespace of your wrangler configuration, reads',
    'it back, and moves the pointer snapshot:current to it. Publishing content that is already',
    'live does nothing. Every KV access runs wrangler (`wrangler kv key get|put`), so your',
    'wrangler.toml, environments and login are what is used. Path defaults to flags/, else',
    'examples/flags/. Without --local it writes to the deployed (remote) namespace.',
    'After a publish, versions older than the newest --keep (default 20) are deleted from KV.',
    'With --dry-run --sample FILE.jsonl it also says, per changed flag, how many of those contexts',
    '(and tenants) would get another variant, and warns when buckets are reshuffled.',
  ].join('\n'),
  options: {
    ...KV_TARGET_OPTIONS,
    'dry-run': { type: 'boolean', description: 'print what would change, flag by flag, and write nothing' },
    message: { type: 'string', short: 'm', valueName: 'TEXT', description: 'why: stored with the version (for history)' },
    ...KEEP_OPTION,
    ...SAMPLE_OPTION,
    json: { type: 'boolean', description: 'print the result as one JSON object: { ok, dryRun, version, pruned, impact?, output }' },
  },
  positionals: ['path'],
  async run({ values, positionals }, io) {
    const target = kvTarget(values, io.cwd);
    const keep = keepFromArgument(values.keep);
    const dryRun = values['dry-run'] === true;
    if (values.sample !== undefined && !dryRun) throw new UsageError('--sample previews a change: add --dry-run (or use edgeflag diff --sample)');
    const sample = values.sample === undefined ? undefined : contextsFromFile(values.sample, io.cwd);
    const loaded = loadFlags(flagsPathOrDefault(positionals[0], io.cwd), io.cwd);
    if (!loaded.ok) refuseInvalidFiles(loaded.issues, io, 'nothing was published (KV is unchanged); fix them and run edgeflag publish again');
    const lines: string[] = [];
    const output = values.json === true ? { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) } : io;
    const outcome = await publishDocument(
      loaded.document,
      { target, dryRun, message: values.message ?? '', ...(sample === undefined ? {} : { sample }) },
      output,
    );
    const published = outcome.version;
    const pruned = dryRun || published === undefined ? [] : await pruneAfterPublish(target, keep, published, output);
    if (values.json === true) {
      io.out(JSON.stringify({ ok: outcome.code === 0, dryRun, version: published ?? null, pruned, ...(outcome.impact === undefined ? {} : { impact: outcome.impact }), output: lines }));
    } else {
      const line = prunedLine(pruned, keep);
      if (line !== undefined) io.out(line);
    }
    return outcome.code;
  },
});
