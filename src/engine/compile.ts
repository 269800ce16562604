import { compileAttributeReader } from './attribute.ts';
import type { AttributeReader } from './attribute.ts';
import { compileRule } from './compile-rule.ts';
import type { ConditionCompiler } from './conditions/index.ts';
import { parseDateTime } from './conditions/date.ts';
import { conditionValues } from './conditions/operator.ts';
import type { Flag, FlagDocument, VariantValue } from './document.ts';
import { BOOLEAN_VARIANTS, IMPLICIT_DEFAULT_VARIANT } from './document.ts';
import type { EvaluationResult } from './result.ts';
import { EqualityIndex } from './equality-index.ts';
import { deepFreeze, resolvedResult } from './results.ts';
import { Scope } from './scope.ts';
import { compileSegment, nonEmptySet } from './segment.ts';
import type { CompiledFlag, CompiledPrerequisite, CompiledSnapshot, CompiledTarget, FlagInfo } from './snapshot.ts';
import { internals, metadataOrUndefined, typeOfVariants } from './snapshot.ts';

function scheduleBound(text: string | undefined, fallback: number): number {
  return text === undefined ? fallback : (parseDateTime(text) ?? fallback);
}

function compileFlag(key: string, index: number, flag: Flag, compiler: ConditionCompiler): CompiledFlag {
  const variants = deepFreeze({ ...(flag.variants ?? BOOLEAN_VARIANTS) } as Record<string, VariantValue>);
  const defaultVariant = flag.defaultVariant ?? IMPLICIT_DEFAULT_VARIANT;
  const flagMetadata = deepFreeze({ ...(flag.metadata ?? {}) });
  const info: FlagInfo = {
    key,
    index,
    type: typeOfVariants(variants),
    description: flag.description,
    client: flag.client === true,
    overridable: flag.overridable === true,
    variants,
    defaultVariant,
    // A kill or a closed schedule must switch a flag off, even one whose default is `on`.
    offVariant: flag.offVariant ?? (Object.hasOwn(variants, 'off') ? 'off' : defaultVariant),
    metadata: flagMetadata,
  };
  const metadata = metadataOrUndefined({ ...flagMetadata });
  const salt = flag.salt ?? key;

  const targets: CompiledTarget[] = Object.entries(flag.targets ?? {}).map(([variant, target]) => ({
    tenants: nonEmptySet(target.tenants),
    users: nonEmptySet(target.users),
    result: resolvedResult(info, variant, 'TARGETING_MATCH', metadata),
  }));
  const rules = (flag.rules ?? []).map((rule, ruleIndex) => {
    const name = rule.name ?? `rules[${ruleIndex}]`;
    const label = rule.name === undefined ? name : `rule "${name}"`;
    return compileRule(rule, label, info, salt, metadataOrUndefined({ ...flagMetadata, rule: name }), compiler);
  });
  const overrides = new Map<string, EvaluationResult>();
  if (info.overridable) {
    for (const variant of Object.keys(variants)) overrides.set(variant, resolvedResult(info, variant, 'OVERRIDE', metadata));
  }
  const prerequisites = (flag.prerequisites ?? []).map(
    (prerequisite): CompiledPrerequisite => ({
      // Linked to the compiled flag once every flag exists (see compile).
      flag: undefined,
      variants: new Set(prerequisite.variants),
      failed: resolvedResult(
        info,
        info.offVariant,
        'PREREQUISITE_FAILED',
        metadataOrUndefined({ ...flagMetadata, prerequisite: prerequisite.flag }),
      ),
    }),
  );

  return {
    ...info,
    enabled: flag.enabled !== false,
    from: scheduleBound(flag.schedule?.from, -Infinity),
    until: scheduleBound(flag.schedule?.until, Infinity),
    prerequisites,
    targets,
    rules,
    fallthrough: resolvedResult(info, defaultVariant, targets.length + rules.length === 0 ? 'STATIC' : 'DEFAULT', metadata),
    disabled: resolvedResult(info, info.offVariant, 'DISABLED', metadata),
    overrides,
  };
}

/**
 * Compiles a validated flag document into a snapshot that evaluates with lookups only: sets for
 * lists, parsed versions, dates and networks, compiled regexes, bucket ranges and prebuilt results.
 *
 * @example const snapshot = compile(validated.document);
 */
export function compile(document: FlagDocument): CompiledSnapshot {
  const attributeSlots = new Map<string, number>();
  const readers: AttributeReader[] = [];
  const parseSlots = new Map<string, number>();
  const equalityIndex = new EqualityIndex();
  const segmentEntries = Object.entries(document.segments ?? {});
  const segmentIndex = new Map(segmentEntries.map(([key], index) => [key, index]));

  const compiler: ConditionCompiler = {
    attributeSlot(attribute) {
      let slot = attributeSlots.get(attribute);
      if (slot === undefined) {
        slot = readers.push(compileAttributeReader(attribute)) - 1;
        attributeSlots.set(attribute, slot);
      }
      return slot;
    },
    parseSlot(parseKind, attribute) {
      const name = `${parseKind}:${attribute}`;
      let slot = parseSlots.get(name);
      if (slot === undefined) {
        slot = parseSlots.size;
        parseSlots.set(name, slot);
      }
      return slot;
    },
    segmentIndex: (segmentKey) => segmentIndex.get(segmentKey) ?? -1,
    indexEquality: (slot, condition) => equalityIndex.add(slot, condition, conditionValues(condition)),
  };
  const segments = segmentEntries.map(([, segment]) => compileSegment(segment, compiler));

  const flagEntries = Object.entries(document.flags);
  const flags = flagEntries.map(([key, flag], index) => compileFlag(key, index, flag, compiler));
  const byKey = new Map(flags.map((flag) => [flag.key, flag]));
  let hasPrerequisites = false;
  flagEntries.forEach(([, flag], index) => {
    (flag.prerequisites ?? []).forEach((prerequisite, position) => {
      flags[index]!.prerequisites[position]!.flag = byKey.get(prerequisite.flag);
      hasPrerequisites = true;
    });
  });

  const shape = { attributes: [...attributeSlots.keys()], readers, parseSlotCount: parseSlots.size, segments, equalityIndex };
  return Object.freeze({
    flags,
    clientFlags: flags.filter((flag) => flag.client),
    flag: (key: string) => byKey.get(key),
    [internals]: { flags, byKey, hasPrerequisites, ...shape, scope: new Scope(shape) },
  });
}
