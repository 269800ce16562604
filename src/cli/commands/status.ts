import type { ExitCode } from '../command.ts';
import { defineCommand } from '../command.ts';
import { listKills } from '../kill/kill-switches.ts';
import { describeKv, kvTarget, KV_TARGET_OPTIONS, reportingKvErrors } from '../kv-target.ts';
import { readPointer } from '../publish/published-snapshot.ts';

export default defineCommand({
  summary: 'Show the current version and every killed flag: by whom, when, why',
  usage: 'status [--local] [--env NAME] [--json]',
  description: [
    'Reads snapshot:current and the kill records from KV.',
    'With --json: { version, checksum, killed: [{ flag, by, at, reason }] }.',
  ].join('\n'),
  options: KV_TARGET_OPTIONS,
  positionals: [],
  async run({ values }, io): Promise<ExitCode> {
    const target = kvTarget(values, io.cwd);
    const [pointer, kills] = await reportingKvErrors(() => Promise.all([readPointer(target), listKills(target)]));
    if (values.json === true) {
      const killed = kills.map(({ flag, record }) => ({ flag, by: record?.by ?? null, at: record?.at ?? null, reason: record?.reason ?? null }));
      io.out(JSON.stringify({ version: pointer?.version ?? null, checksum: pointer?.checksum ?? null, killed }));
      return 0;
    }
    io.out(
      pointer === undefined
        ? `${describeKv(target)}: nothing published yet.`
        : `${describeKv(target)}: version ${pointer.version} (${pointer.checksum.slice(0, 19)}…) is current.`,
    );
    if (kills.length === 0) io.out('No flag is killed.');
    for (const { flag, record } of kills) {
      const why = record === undefined ? '(no kill record: the key was written by hand)' : `by ${record.by} at ${record.at}${record.reason === '' ? '' : `: ${record.reason}`}`;
      io.out(`killed ${flag}  ${why}`);
    }
    return 0;
  },
});
