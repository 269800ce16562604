import type { ExitCode } from '../command.ts';
import { defineCommand } from '../command.ts';
import { contextsFromFile } from '../contexts.ts';
import { flagsPathOrDefault } from '../flag-files.ts';
import { readPublishedDocument } from '../history/published-document.ts';
import { impactPreview, printImpact, SAMPLE_OPTION } from '../impact/impact-preview.ts';
import { refuseInvalidFiles } from '../issue-output.ts';
import { describeKv, kvTarget, KV_TARGET_OPTIONS, reportingKvErrors } from '../kv-target.ts';
import { loadFlags } from '../load-flags.ts';
import { describeChanges, formatChange } from '../publish/describe-changes.ts';

export default defineCommand({
  summary: 'Compare local flag files with what is published, flag by flag, in words',
  usage: 'diff [path] [--local] [--env NAME] [--sample FILE.jsonl] [--json]',
  description: [
    'Reads the flag files (path defaults to flags/, else examples/flags/) and the version',
    'snapshot:current points at, and prints every difference, segments first, then flags:',
    '  + added, - removed, ~ changed: what changed, in words.',
    'Exits 0 when the files are what is published, 1 when they differ (or are invalid), so CI can',
    'check that main is live. With --sample FILE.jsonl it also says, per changed flag, how many of',
    'those contexts (and tenants) get another variant, and warns when rollout buckets are reshuffled.',
    'With --json: { same, version, changes: [{ subject, key, kind, details }], impact? }.',
  ].join('\n'),
  options: { ...KV_TARGET_OPTIONS, ...SAMPLE_OPTION },
  positionals: ['path'],
  async run({ values, positionals }, io): Promise<ExitCode> {
    const target = kvTarget(values, io.cwd);
    const sample = values.sample === undefined ? undefined : contextsFromFile(values.sample, io.cwd);
    const loaded = loadFlags(flagsPathOrDefault(positionals[0], io.cwd), io.cwd);
    if (!loaded.ok) refuseInvalidFiles(loaded.issues, io, 'fix them before comparing');
    const published = await reportingKvErrors(() => readPublishedDocument(target));
    const changes = describeChanges(published?.document, loaded.document);
    const impact = sample === undefined || published === undefined ? undefined : impactPreview(published.document, loaded.document, sample, Date.now());
    if (values.json === true) {
      io.out(JSON.stringify({ same: changes.length === 0, version: published?.version ?? null, changes, ...(impact === undefined ? {} : { impact }) }));
      return changes.length === 0 ? 0 : 1;
    }
    const against = published === undefined ? `${describeKv(target)} (nothing published yet)` : `version ${published.version} in ${describeKv(target)}`;
    if (changes.length === 0) {
      io.out(`No differences: the files are what ${against} serves.`);
      return 0;
    }
    io.out(`The files differ from ${against}:`);
    for (const change of changes) io.out(`  ${formatChange(change)}`);
    if (impact !== undefined && sample !== undefined) printImpact(impact, sample.length, io);
    else if (sample !== undefined) io.out('No impact preview: nothing is published to compare the sample with.');
    return 1;
  },
});
