import { isAbsolute, resolve } from 'node:path';
import type { OptionSpec } from './command.ts';
import { UsageError, UserError } from './errors.ts';
import { PublishedStateError } from './publish/published-snapshot.ts';
import type { WranglerTarget } from './wrangler.ts';
import { WranglerError } from './wrangler.ts';

/**
 * The options that pick which KV a command reads and writes, the same for every command that
 * talks to KV (history, diff, rollback, kill, revive, status), so they all address it as publish does.
 */
export const KV_TARGET_OPTIONS = {
  local: { type: 'boolean', description: 'use local KV (.wrangler/state), which `wrangler dev` serves' },
  env: { type: 'string', valueName: 'NAME', description: 'the wrangler environment (as in wrangler.toml [env.NAME])' },
  config: { type: 'string', valueName: 'FILE', description: 'a wrangler configuration file other than ./wrangler.toml' },
  'persist-to': { type: 'string', valueName: 'DIR', description: 'with --local: the local state directory (as wrangler dev --persist-to)' },
  json: { type: 'boolean', description: 'print the result as one JSON object' },
} as const satisfies Record<string, OptionSpec>;

export interface KvTargetValues {
  readonly local?: boolean | undefined;
  readonly env?: string | undefined;
  readonly config?: string | undefined;
  readonly 'persist-to'?: string | undefined;
}

/**
 * The wrangler target the KV options name; `--persist-to` without `--local` is a usage error.
 *
 * @example const target = kvTarget(values, io.cwd);
 */
export function kvTarget(values: KvTargetValues, cwd: string): WranglerTarget {
  const persistTo = values['persist-to'];
  if (persistTo !== undefined && values.local !== true) throw new UsageError('--persist-to applies to local KV only: add --local');
  return {
    local: values.local === true,
    cwd,
    ...(values.env === undefined ? {} : { env: values.env }),
    ...(values.config === undefined ? {} : { config: values.config }),
    ...(persistTo === undefined ? {} : { persistTo: isAbsolute(persistTo) ? persistTo : resolve(cwd, persistTo) }),
  };
}

/**
 * How a target is named in messages: `local KV (dir)` or `remote KV`, with its environment.
 *
 * @example describeKv({ local: false, env: 'staging' }) // 'remote KV, environment staging'
 */
export function describeKv(target: WranglerTarget): string {
  const kv = target.local ? `local KV (${target.persistTo ?? '.wrangler/state'})` : 'remote KV';
  return target.env === undefined ? kv : `${kv}, environment ${target.env}`;
}

/**
 * Runs a command's KV work, turning wrangler's failures and unusable KV content into a user error
 * (exit 1 with wrangler's own words) instead of a stack trace.
 *
 * @example return reportingKvErrors(async () => { … });
 */
export async function reportingKvErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof WranglerError || error instanceof PublishedStateError) throw new UserError(error.message);
    throw error;
  }
}
