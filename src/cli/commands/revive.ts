import { KEY_PATTERN } from '../../schema/index.ts';
import type { ExitCode } from '../command.ts';
import { defineCommand } from '../command.ts';
import { UsageError } from '../errors.ts';
import { deleteKill, listKills } from '../kill/kill-switches.ts';
import { describeKv, kvTarget, KV_TARGET_OPTIONS, reportingKvErrors } from '../kv-target.ts';

export default defineCommand({
  summary: 'Remove a flag\'s kill switch: it is evaluated normally again',
  usage: 'revive FLAG [--local] [--env NAME] [--json]',
  description: [
    'Deletes kill:FLAG from KV. The flag then follows its published definition again, within the',
    'same delay a kill takes. Reviving a flag that is not killed changes nothing and says so.',
  ].join('\n'),
  options: KV_TARGET_OPTIONS,
  positionals: ['FLAG'],
  async run({ values, positionals }, io): Promise<ExitCode> {
    const flag = positionals[0];
    if (flag === undefined) throw new UsageError('name the flag to revive: edgeflag revive FLAG');
    if (!KEY_PATTERN.test(flag)) throw new UsageError(`"${flag}" is not a flag key (keys match ${KEY_PATTERN.source})`);
    const target = kvTarget(values, io.cwd);
    return reportingKvErrors(async (): Promise<ExitCode> => {
      const kill = (await listKills(target)).find((killed) => killed.flag === flag);
      if (kill !== undefined) await deleteKill(flag, target);
      if (values.json === true) io.out(JSON.stringify({ ok: true, flag, wasKilled: kill !== undefined, record: kill?.record ?? null }));
      else if (kill === undefined) io.out(`"${flag}" is not killed in ${describeKv(target)}; nothing to revive.`);
      else io.out(`Revived "${flag}" in ${describeKv(target)}: it follows its published definition again.`);
      return 0;
    });
  },
});
