import type { Flag, VariantValue } from '../engine/document.ts';
import { BOOLEAN_VARIANTS } from '../engine/document.ts';
import { didYouMean } from './closest-name.ts';
import type { Issue, IssuePath } from './issue.ts';

type VariantType = 'boolean' | 'string' | 'number' | 'object';

const TYPE_WORDS: Record<VariantType, string> = { boolean: 'a boolean', string: 'a string', number: 'a number', object: 'an object' };

function typeOf(value: VariantValue): VariantType {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  return typeof value === 'number' ? 'number' : 'object';
}

/** The variant names a flag can serve: its own, or on/off when it names none. */
export function variantNamesOf(flag: Flag): string[] {
  return Object.keys(flag.variants ?? BOOLEAN_VARIANTS);
}

export function unknownVariant(path: IssuePath, name: string, known: readonly string[], at?: 'key'): Issue {
  return {
    code: 'unknown_variant',
    path,
    message: `unknown variant ${JSON.stringify(name)}${didYouMean(name, known)}`,
    fix: known.length === 0 ? 'add variants to the flag first' : `use one of: ${known.join(', ')}`,
    ...(at === undefined ? {} : { at }),
  };
}

function checkVariantTypes(base: IssuePath, variants: Record<string, VariantValue>, issues: Issue[]): void {
  const entries = Object.entries(variants);
  const [firstName, firstValue] = entries[0] ?? [];
  if (firstName === undefined || firstValue === undefined) {
    issues.push({ code: 'no_variants', path: [...base, 'variants'], message: 'the flag has no variants', fix: 'add at least one variant, or remove variants to get on: true, off: false' });
    return;
  }
  const type = typeOf(firstValue);
  for (const [name, value] of entries.slice(1)) {
    if (typeOf(value) === type) continue;
    issues.push({
      code: 'mixed_variant_types',
      path: [...base, 'variants', name],
      message: `variant "${name}" is ${TYPE_WORDS[typeOf(value)]} but "${firstName}" is ${TYPE_WORDS[type]}: all variants of a flag have one type`,
      fix: `make every variant ${TYPE_WORDS[type]}, or split the flag`,
    });
  }
}

/** Every place a flag names one of its own variants must name one it has. */
export function checkVariantNames(key: string, flag: Flag, issues: Issue[]): void {
  const base: IssuePath = ['flags', key];
  const known = variantNamesOf(flag);
  const isKnown = (name: string): boolean => known.includes(name);
  if (flag.variants !== undefined) {
    checkVariantTypes(base, flag.variants, issues);
    if (flag.defaultVariant === undefined && known.length > 0) {
      issues.push({
        code: 'missing_default_variant',
        path: base,
        message: `flag "${key}" has variants but no defaultVariant`,
        fix: `add defaultVariant: one of ${known.join(', ')} (served when nothing matches)`,
        at: 'key',
      });
    }
  }
  for (const field of ['defaultVariant', 'offVariant'] as const) {
    const name = flag[field];
    if (name !== undefined && !isKnown(name)) issues.push(unknownVariant([...base, field], name, known));
  }
  for (const name of Object.keys(flag.targets ?? {})) {
    if (!isKnown(name)) issues.push(unknownVariant([...base, 'targets', name], name, known, 'key'));
  }
  (flag.rules ?? []).forEach((rule, i) => {
    if (rule.variant !== undefined && !isKnown(rule.variant)) {
      issues.push(unknownVariant([...base, 'rules', i, 'variant'], rule.variant, known));
    }
    for (const name of Object.keys(rule.rollout?.variants ?? {})) {
      if (!isKnown(name)) issues.push(unknownVariant([...base, 'rules', i, 'rollout', 'variants', name], name, known, 'key'));
    }
  });
}
