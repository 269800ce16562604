import type { MetadataValue, VariantValue } from './document.ts';
import type { EvaluationResult, ResultMetadata } from './result.ts';
import type { AttributeReader } from './attribute.ts';
import type { CompiledRule } from './compile-rule.ts';
import type { EqualityIndex } from './equality-index.ts';
import type { Scope } from './scope.ts';
import type { CompiledSegment } from './segment.ts';

export type FlagType = 'boolean' | 'string' | 'number' | 'object';

/** What adapters may know about a compiled flag (who may see it, its variants). */
export interface FlagInfo {
  readonly key: string;
  /** Position in `snapshot.flags`. */
  readonly index: number;
  readonly type: FlagType;
  readonly description: string | undefined;
  /** Served to frontends without a server key. */
  readonly client: boolean;
  /** Testers may force a variant with a signed override. */
  readonly overridable: boolean;
  readonly variants: Readonly<Record<string, VariantValue>>;
  readonly defaultVariant: string;
  readonly offVariant: string;
  readonly metadata: Readonly<Record<string, MetadataValue>>;
}

export interface CompiledTarget {
  readonly tenants: ReadonlySet<string> | undefined;
  readonly users: ReadonlySet<string> | undefined;
  readonly result: EvaluationResult;
}

export interface CompiledPrerequisite {
  /** Undefined only in an unvalidated document naming an unknown flag: the prerequisite then fails. */
  flag: CompiledFlag | undefined;
  readonly variants: ReadonlySet<string>;
  readonly failed: EvaluationResult;
}

/** Everything evaluation needs, resolved at compile time; every result it can serve is prebuilt. */
export interface CompiledFlag extends FlagInfo {
  readonly enabled: boolean;
  /** Schedule bounds in epoch ms: from inclusive, until exclusive. */
  readonly from: number;
  readonly until: number;
  readonly prerequisites: readonly CompiledPrerequisite[];
  readonly targets: readonly CompiledTarget[];
  readonly rules: readonly CompiledRule[];
  /** Served when nothing matched: STATIC for a flag without targets and rules, else DEFAULT. */
  readonly fallthrough: EvaluationResult;
  /** offVariant with reason DISABLED: disabled, killed, or outside its schedule. */
  readonly disabled: EvaluationResult;
  readonly overrides: ReadonlyMap<string, EvaluationResult>;
}

export const internals: unique symbol = Symbol('edgeflag.snapshot');

export interface SnapshotInternals {
  readonly flags: readonly CompiledFlag[];
  readonly byKey: ReadonlyMap<string, CompiledFlag>;
  readonly hasPrerequisites: boolean;
  readonly segments: readonly CompiledSegment[];
  /** Attribute path of each slot. */
  readonly attributes: readonly string[];
  /** Reader of each attribute slot. */
  readonly readers: readonly AttributeReader[];
  /** Number of memo slots for parsed values and bucketing hashes. */
  readonly parseSlotCount: number;
  readonly equalityIndex: EqualityIndex;
  /** The scope calls reuse (see Scope). */
  readonly scope: Scope;
}

/** A flag document compiled for evaluation. Build it with `compile`, once per published version. */
export interface CompiledSnapshot {
  readonly flags: readonly FlagInfo[];
  /** The flags with `client: true`, for callers without a server key. */
  readonly clientFlags: readonly FlagInfo[];
  flag(key: string): FlagInfo | undefined;
  readonly [internals]: SnapshotInternals;
}

export function typeOfVariants(variants: Readonly<Record<string, VariantValue>>): FlagType {
  const first = Object.values(variants)[0];
  if (typeof first === 'boolean') return 'boolean';
  if (typeof first === 'string') return 'string';
  if (typeof first === 'number') return 'number';
  return 'object';
}

export function metadataOrUndefined(metadata: Record<string, MetadataValue>): ResultMetadata | undefined {
  return Object.keys(metadata).length === 0 ? undefined : Object.freeze(metadata);
}
