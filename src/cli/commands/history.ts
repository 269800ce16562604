import type { ExitCode } from '../command.ts';
import { defineCommand } from '../command.ts';
import { readHistory } from '../history/versions.ts';
import { describeKv, kvTarget, KV_TARGET_OPTIONS, reportingKvErrors } from '../kv-target.ts';

export default defineCommand({
  summary: 'List the published versions kept in KV: version, time, message, checksum',
  usage: 'history [--local] [--env NAME] [--json]',
  description: [
    'Lists every snapshot version kept in the EDGEFLAG_KV namespace, newest first, marking the one',
    'snapshot:current points at. Older versions are pruned by publish and rollback beyond --keep.',
    'With --json: { current, versions: [{ version, publishedAt, message, checksum, current }] }.',
  ].join('\n'),
  options: KV_TARGET_OPTIONS,
  positionals: [],
  async run({ values }, io): Promise<ExitCode> {
    const target = kvTarget(values, io.cwd);
    const { current, entries } = await reportingKvErrors(() => readHistory(target));
    if (values.json === true) {
      io.out(JSON.stringify({ current: current ?? null, versions: entries }));
      return 0;
    }
    if (entries.length === 0) {
      io.out(`Nothing is published in ${describeKv(target)} yet: run edgeflag publish.`);
      return 0;
    }
    for (const entry of entries) {
      const checksum = entry.checksum === null ? '-' : `${entry.checksum.slice(0, 19)}…`;
      const message = entry.message === '' ? '(no message)' : entry.message;
      io.out(`${entry.current ? '*' : ' '} v${String(entry.version).padEnd(5)} ${entry.publishedAt ?? '-'}  ${checksum}  ${message}`);
    }
    return 0;
  },
});
