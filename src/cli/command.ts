import type { ParseArgsOptionDescriptor, ParseArgsOptionsConfig } from 'node:util';
import { parseArgs } from 'node:util';
import { closestName } from '../schema/closest-name.ts';
import { UsageError } from './errors.ts';

/** 0 done, 1 invalid input or a failed check, 2 usage error (70, a bug, is main's alone). */
export type ExitCode = 0 | 1 | 2;

/** Where a command writes, and the directory it runs in (tests pass their own). */
export interface CommandIo {
  readonly cwd: string;
  /** Writes one line of the command's result to stdout. */
  out(line: string): void;
  /** Writes one line of diagnostics to stderr. */
  err(line: string): void;
}

/** A parseArgs option plus the words `--help` shows for it. */
export type OptionSpec = ParseArgsOptionDescriptor & { readonly description: string; readonly valueName?: string };

type ParsedValues<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>
>['values'];

export interface CommandSpec<O extends Record<string, OptionSpec>> {
  /** One line for `edgeflag --help`. */
  readonly summary: string;
  /** The command line after `edgeflag `, e.g. `validate [path] [--json]`. */
  readonly usage: string;
  /** What the command does, for `edgeflag <command> --help`. */
  readonly description: string;
  readonly options: O;
  /** Names of the positional arguments, in order; more than these is a usage error. */
  readonly positionals: readonly string[];
  run(args: { values: ParsedValues<O>; positionals: string[] }, io: CommandIo): Promise<ExitCode> | ExitCode;
}

/** A command as main sees it. */
export interface Command {
  readonly summary: string;
  readonly usage: string;
  help(): string;
  execute(argv: readonly string[], io: CommandIo): Promise<ExitCode>;
}

const HELP_OPTION = { help: { type: 'boolean', short: 'h', description: 'show this help' } } as const satisfies Record<string, OptionSpec>;

function helpText<O extends Record<string, OptionSpec>>(spec: CommandSpec<O>): string {
  const rows = Object.entries({ ...spec.options, ...HELP_OPTION }).map(([name, option]) => {
    const flag = `${option.short === undefined ? '    ' : `-${option.short}, `}--${name}${option.type === 'string' ? ` ${option.valueName ?? 'VALUE'}` : ''}`;
    return `  ${flag.padEnd(26)} ${option.description}`;
  });
  return `Usage: edgeflag ${spec.usage}\n\n${spec.description}\n\nOptions:\n${rows.join('\n')}`;
}

function usageErrorFrom(error: unknown, names: readonly string[]): UsageError {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '(--?[^']+)'/.exec(message)?.[1];
  if (unknown !== undefined) {
    const match = closestName(unknown.replace(/^-+/, ''), names);
    return new UsageError(`unknown option ${unknown}${match === undefined ? '' : ` (did you mean --${match}?)`}`);
  }
  return new UsageError(message.replace(/\. To specify a positional argument.*$/s, ''));
}

/**
 * Declares a command: its options (node:util parseArgs, typed from the declaration), help text
 * and what it runs. A file under src/cli/commands/ default-exports one; its file name is its name.
 *
 * @example export default defineCommand({ summary: 'Print the JSON Schema', usage: 'schema', description: '...', options: {}, positionals: [], run: (_, io) => { io.out('{}'); return 0; } });
 */
export function defineCommand<const O extends Record<string, OptionSpec>>(spec: CommandSpec<O>): Command {
  const options: ParseArgsOptionsConfig = {};
  for (const [name, option] of Object.entries<OptionSpec>({ ...spec.options, ...HELP_OPTION })) {
    const { description: _description, valueName: _valueName, ...parseArgsOption } = option;
    options[name] = parseArgsOption;
  }
  return {
    summary: spec.summary,
    usage: spec.usage,
    help: () => helpText(spec),
    async execute(argv, io) {
      let parsed;
      try {
        parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
      } catch (error) {
        throw usageErrorFrom(error, Object.keys(options));
      }
      if (parsed.values.help === true) {
        io.out(helpText(spec));
        return 0;
      }
      if (parsed.positionals.length > spec.positionals.length) {
        const extra = parsed.positionals.slice(spec.positionals.length).join(' ');
        throw new UsageError(`unexpected argument: ${extra} (edgeflag ${spec.usage})`);
      }
      return spec.run({ values: parsed.values as ParsedValues<O>, positionals: parsed.positionals }, io);
    },
  };
}
