import type { Issue, IssuePath } from '../schema/issue.ts';
import type { FlagFile } from './flag-file.ts';
import { positionOf } from './positions.ts';

/** The flag files as one document, and which file each part of it came from. */
export interface MergedFiles {
  readonly document: Record<string, unknown>;
  /** Keys defined in two files; files that are not a map. */
  readonly issues: Issue[];
  fileOf(path: IssuePath): FlagFile | undefined;
}

const NOUNS: Readonly<Record<string, string>> = { flags: 'flag', segments: 'segment' };

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Defines rather than assigns, so a key named `__proto__` stays a key (and fails validation). */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function where(file: FlagFile, path: IssuePath): string {
  const { line, column } = positionOf(file, path, true);
  return `${file.name}:${line}:${column}`;
}

function duplicate(path: IssuePath, first: FlagFile, second: FlagFile): Issue {
  const [section, key] = path;
  const what = key === undefined ? `section "${String(section)}"` : `${NOUNS[String(section)] ?? 'key'} ${JSON.stringify(key)}`;
  const { line, column } = positionOf(second, path, true);
  return {
    code: 'duplicate_key',
    path,
    message: `${what} is defined twice: in ${where(first, path)} and in ${second.name}:${line}:${column}`,
    fix: 'keep one definition (rename or remove the other)',
    file: second.name,
    line,
    column,
    at: 'key',
  };
}

/**
 * Merges flag files section by section: `segments` and `flags` (and any other top-level map) of
 * all files are combined; a key defined in two files is an issue naming both places.
 */
export function mergeFlagFiles(files: readonly FlagFile[]): MergedFiles {
  const document: Record<string, unknown> = {};
  const issues: Issue[] = [];
  const sectionFiles = new Map<string, FlagFile>();
  const entryFiles = new Map<string, FlagFile>();

  for (const file of files) {
    if (file.contents === undefined || file.contents === null) continue;
    if (!isMap(file.contents)) {
      const { line, column } = positionOf(file, [], false);
      issues.push({ code: 'invalid_type', path: [], message: 'a flag file is a map with segments: and flags:', fix: 'start the file with flags: (and segments: if you use them)', file: file.name, line, column });
      continue;
    }
    for (const [section, value] of Object.entries(file.contents)) {
      const earlier = sectionFiles.get(section);
      const merged = document[section];
      if (earlier === undefined) {
        put(document, section, isMap(value) ? { ...value } : value);
        sectionFiles.set(section, file);
        if (isMap(value)) for (const key of Object.keys(value)) entryFiles.set(`${section}\0${key}`, file);
        continue;
      }
      if (!isMap(value) || !isMap(merged)) {
        issues.push(duplicate([section], earlier, file));
        continue;
      }
      for (const [key, entry] of Object.entries(value)) {
        const first = entryFiles.get(`${section}\0${key}`);
        if (first !== undefined) {
          issues.push(duplicate([section, key], first, file));
          continue;
        }
        put(merged, key, entry);
        entryFiles.set(`${section}\0${key}`, file);
      }
    }
  }

  const only = files.length === 1 ? files[0] : undefined;
  return {
    document,
    issues,
    fileOf([section, key]) {
      if (section === undefined) return only;
      return entryFiles.get(`${String(section)}\0${String(key)}`) ?? sectionFiles.get(String(section)) ?? only;
    },
  };
}
