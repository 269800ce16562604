import type { FlagDocument } from '../../engine/index.ts';
import { BOOLEAN_VARIANTS } from '../../engine/index.ts';
import { closestName, KEY_PATTERN } from '../../schema/index.ts';
import { UsageError } from '../errors.ts';

/**
 * `--flag KEY=VARIANT` arguments as a record; a malformed or repeated one is a usage error.
 *
 * @example parseOverrideFlags(['new-checkout=on']) // { 'new-checkout': 'on' }
 */
export function parseOverrideFlags(args: readonly string[]): Record<string, string> {
  if (args.length === 0) throw new UsageError('name at least one flag to override: --flag KEY=VARIANT');
  const flags: Record<string, string> = {};
  for (const arg of args) {
    const [key, variant, extra] = arg.split('=');
    if (key === undefined || variant === undefined || extra !== undefined || !KEY_PATTERN.test(key) || !KEY_PATTERN.test(variant)) {
      throw new UsageError(`--flag "${arg}" is not KEY=VARIANT (e.g. --flag new-checkout=on)`);
    }
    if (Object.hasOwn(flags, key)) throw new UsageError(`--flag ${key} is given twice`);
    flags[key] = variant;
  }
  return flags;
}

/**
 * Every problem with forcing these variants under `document`: an unknown flag or variant, or a flag
 * not marked `overridable: true` (the Worker would ignore the override for it).
 *
 * @example overrideProblems({ beta: 'on' }, document) // ['flag "beta" is not overridable: …']
 */
export function overrideProblems(flags: Readonly<Record<string, string>>, document: FlagDocument): string[] {
  const problems: string[] = [];
  for (const [key, variant] of Object.entries(flags)) {
    const flag = document.flags[key];
    if (flag === undefined) {
      const match = closestName(key, Object.keys(document.flags));
      problems.push(`flag "${key}" is not in the flag files${match === undefined ? '' : ` (did you mean "${match}"?)`}`);
      continue;
    }
    if (flag.overridable !== true) problems.push(`flag "${key}" is not overridable: add \`overridable: true\` to it and publish, or the Worker ignores the override`);
    const variants = Object.keys(flag.variants ?? BOOLEAN_VARIANTS);
    if (!variants.includes(variant)) problems.push(`flag "${key}" has no variant "${variant}" (its variants: ${variants.join(', ')})`);
  }
  return problems;
}
