import { defineCommand } from '../command.ts';
import { flagsPathOrDefault } from '../flag-files.ts';
import { issueJson, issueLines } from '../issue-output.ts';
import { loadFlags } from '../load-flags.ts';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export default defineCommand({
  summary: 'Check flag files and print every problem with its file, line and fix',
  usage: 'validate [path] [--json]',
  description: [
    'Reads a flag file, or every *.yaml, *.yml and *.json file under a folder (merged), and checks',
    'all of it: the format, variant and segment names, prerequisites and their cycles, rollout',
    'weights, and the literals of every condition. Path defaults to flags/, else examples/flags/.',
    'Exits 1 when there is any problem, 0 otherwise.',
  ].join('\n'),
  options: {
    json: { type: 'boolean', description: 'print the result as one JSON object: { ok, issues, flags, segments, files }' },
  },
  positionals: ['path'],
  run({ values, positionals }, io) {
    const path = flagsPathOrDefault(positionals[0], io.cwd);
    const loaded = loadFlags(path, io.cwd);
    if (!loaded.ok) {
      if (values.json === true) io.out(JSON.stringify({ ok: false, issues: loaded.issues.map(issueJson), files: loaded.files }));
      else for (const line of issueLines(loaded.issues)) io.out(line);
      return 1;
    }
    const flags = Object.keys(loaded.document.flags).length;
    const segments = Object.keys(loaded.document.segments ?? {}).length;
    if (values.json === true) io.out(JSON.stringify({ ok: true, issues: [], flags, segments, files: loaded.files }));
    else io.out(`ok: ${plural(flags, 'flag')}, ${plural(segments, 'segment')} in ${plural(loaded.files.length, 'file')} (${path})`);
    return 0;
  },
});
