import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { UsageError, UserError } from './errors.ts';

/** Where the flags are when no path is given: a project's flags/, else this repository's examples. */
export const DEFAULT_FLAG_PATHS = ['flags', join('examples', 'flags')] as const;

const FLAG_FILE = /\.(ya?ml|json)$/i;

/** The first default folder that exists under `cwd`, if any. */
export function defaultFlagsPath(cwd: string): string | undefined {
  return DEFAULT_FLAG_PATHS.find((candidate) => existsSync(resolve(cwd, candidate)));
}

/** The path a command reads: the one given, or the first default folder that exists. */
export function flagsPathOrDefault(given: string | undefined, cwd: string): string {
  if (given !== undefined) return given;
  const found = defaultFlagsPath(cwd);
  if (found === undefined) {
    throw new UsageError(`no path given, and there is no ${DEFAULT_FLAG_PATHS.map((p) => `${p}${sep}`).join(' or ')} here: pass a flag file or folder`);
  }
  return found;
}

/** How a file is named in messages: relative to the working directory, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const shown = relative(cwd, file) || file;
  return shown.split(sep).join('/');
}

/**
 * The flag files at a path: the file itself, or every *.yaml, *.yml and *.json file under the
 * folder (recursively, hidden folders and node_modules skipped), sorted so merges are repeatable.
 */
export function listFlagFiles(path: string, cwd: string): string[] {
  const absolute = resolve(cwd, path);
  if (!existsSync(absolute)) throw new UserError(`${path} does not exist`);
  if (statSync(absolute).isFile()) return [absolute];
  const files = readdirSync(absolute, { recursive: true, encoding: 'utf8' })
    .filter((entry) => FLAG_FILE.test(entry))
    .filter((entry) => !entry.split(sep).some((part) => part.startsWith('.') || part === 'node_modules'))
    .map((entry) => join(absolute, entry))
    .filter((file) => statSync(file).isFile())
    .sort();
  if (files.length === 0) throw new UserError(`no .yaml, .yml or .json files under ${path}`);
  return files;
}
