import type { EvaluationContext, EvaluationOptions } from '../../engine/index.ts';
import { compile, evaluate, evaluateAll } from '../../engine/index.ts';
import { closestName } from '../../schema/closest-name.ts';
import { defineCommand } from '../command.ts';
import { contextFromArgument, contextsFromFile, nowFromArgument } from '../contexts.ts';
import { UsageError, UserError } from '../errors.ts';
import { flagsPathOrDefault } from '../flag-files.ts';
import { refuseInvalidFiles } from '../issue-output.ts';
import { loadFlags } from '../load-flags.ts';

export default defineCommand({
  summary: 'Evaluate flags for a context, with the engine the edge runs',
  usage: 'eval [path] [--flag KEY] (--context JSON | --contexts FILE.jsonl) [--now ISO] [--json]',
  description: [
    'Prints one OFREP-shaped result per context as one JSON line:',
    '  {"key","value","variant","reason","errorCode"?,"errorDetails"?,"metadata"?}',
    'Without --flag, every flag is evaluated and the line is an OFREP bulk body: {"flags":[...]}.',
    'With --contexts, each non-blank line of the file is a context; results come out in that order.',
    'Path defaults to flags/, else examples/flags/. Exits 1 when the flags are invalid.',
  ].join('\n'),
  options: {
    flag: { type: 'string', valueName: 'KEY', description: 'the flag to evaluate (default: all flags)' },
    context: { type: 'string', valueName: 'JSON', description: 'the evaluation context, a JSON object (default {})' },
    contexts: { type: 'string', valueName: 'FILE', description: 'a JSON Lines file of contexts, one result per line' },
    now: { type: 'string', valueName: 'ISO', description: 'evaluate at this time (ISO 8601 with a zone, or epoch ms; default now)' },
    json: { type: 'boolean', description: 'accepted like on every command: eval always prints JSON lines' },
  },
  positionals: ['path'],
  run({ values, positionals }, io) {
    if (values.context !== undefined && values.contexts !== undefined) {
      throw new UsageError('give --context or --contexts, not both');
    }
    const options: EvaluationOptions = { now: nowFromArgument(values.now, Date.now) };
    const contexts: EvaluationContext[] =
      values.contexts === undefined ? [contextFromArgument(values.context ?? '{}')] : contextsFromFile(values.contexts, io.cwd);

    const loaded = loadFlags(flagsPathOrDefault(positionals[0], io.cwd), io.cwd);
    if (!loaded.ok) refuseInvalidFiles(loaded.issues, io, 'nothing evaluated');
    const snapshot = compile(loaded.document);
    const key = values.flag;
    if (key !== undefined && snapshot.flag(key) === undefined) {
      const match = closestName(key, snapshot.flags.map((flag) => flag.key));
      throw new UserError(`unknown flag "${key}"${match === undefined ? '' : ` (did you mean "${match}"?)`}`);
    }
    for (const context of contexts) {
      const result = key === undefined ? { flags: evaluateAll(snapshot, context, options) } : evaluate(snapshot, key, context, options);
      io.out(JSON.stringify(result));
    }
    return 0;
  },
});
