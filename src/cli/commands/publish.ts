import { isAbsolute, resolve } from 'node:path';
import { defineCommand } from '../command.ts';
import { UsageError } from '../errors.ts';
import { flagsPathOrDefault } from '../flag-files.ts';
import { issueLines } from '../issue-output.ts';
import { loadFlags } from '../load-flags.ts';
import { publishDocument } from '../publish/publish-document.ts';
import type { WranglerTarget } from '../wrangler.ts';

export default defineCommand({
  summary: 'Validate flag files and publish them to Workers KV through wrangler',
  usage: 'publish [path] [--local] [--env NAME] [--dry-run] [--message TEXT]',
  description: [
    'Validates the flag files (any problem: nothing is written), then writes them as the next',
    'immutable snapshot version to the EDGEFLAG_KV namespace of your wrangler configuration, reads',
    'it back, and moves the pointer snapshot:current to it. Publishing content that is already',
    'live does nothing. Every KV access runs wrangler (`wrangler kv key get|put`), so your',
    'wrangler.toml, environments and login are what is used. Path defaults to flags/, else',
    'examples/flags/. Without --local it writes to the deployed (remote) namespace.',
  ].join('\n'),
  options: {
    local: { type: 'boolean', description: 'publish to local KV (.wrangler/state), which `wrangler dev` serves' },
    env: { type: 'string', valueName: 'NAME', description: 'the wrangler environment (as in wrangler.toml [env.NAME])' },
    'dry-run': { type: 'boolean', description: 'print what would change, flag by flag, and write nothing' },
    message: { type: 'string', short: 'm', valueName: 'TEXT', description: 'why: stored with the version (for history)' },
    config: { type: 'string', valueName: 'FILE', description: 'a wrangler configuration file other than ./wrangler.toml' },
    'persist-to': { type: 'string', valueName: 'DIR', description: 'with --local: the local state directory (as wrangler dev --persist-to)' },
  },
  positionals: ['path'],
  async run({ values, positionals }, io) {
    const persistTo = values['persist-to'];
    if (persistTo !== undefined && values.local !== true) throw new UsageError('--persist-to applies to local KV only: add --local');
    const path = flagsPathOrDefault(positionals[0], io.cwd);
    const loaded = loadFlags(path, io.cwd);
    if (!loaded.ok) {
      for (const line of issueLines(loaded.issues)) io.err(line);
      io.err(`Nothing was published (KV is unchanged): fix the problems above and run edgeflag publish again.`);
      return 1;
    }
    const target: WranglerTarget = {
      local: values.local === true,
      cwd: io.cwd,
      ...(values.env === undefined ? {} : { env: values.env }),
      ...(values.config === undefined ? {} : { config: values.config }),
      ...(persistTo === undefined ? {} : { persistTo: isAbsolute(persistTo) ? persistTo : resolve(io.cwd, persistTo) }),
    };
    return publishDocument(loaded.document, { target, dryRun: values['dry-run'] === true, message: values.message ?? '' }, io);
  },
});
