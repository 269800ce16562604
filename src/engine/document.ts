/**
 * Flag file format 1, as plain types. The zod schema in src/schema describes the same shape and is
 * checked against these types at compile time, so the engine needs no validator to be imported.
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A variant's value: all variants of one flag share one of these JSON types. */
export type VariantValue = boolean | string | number | JsonObject;

export type StringOperator = 'starts_with' | 'ends_with' | 'contains' | 'matches';
export type EqualityOperator = 'in' | 'not_in' | 'eq' | 'neq';
export type NumberOperator = 'lt' | 'lte' | 'gt' | 'gte';
export type SemverOperator = 'semver_eq' | 'semver_lt' | 'semver_lte' | 'semver_gt' | 'semver_gte';
export type DateOperator = 'before' | 'after';
export type PresenceOperator = 'exists' | 'not_exists';
export type Operator =
  | EqualityOperator
  | StringOperator
  | NumberOperator
  | SemverOperator
  | DateOperator
  | PresenceOperator
  | 'in_cidr';

export interface AttributeCondition {
  attribute: string;
  op: Operator;
  value?: JsonPrimitive;
  values?: JsonPrimitive[];
  negate?: boolean;
  ignoreCase?: boolean;
}
export interface InSegmentCondition {
  in_segment: string;
}
export interface NotInSegmentCondition {
  not_in_segment: string;
}
export type Condition = AttributeCondition | InSegmentCondition | NotInSegmentCondition;

export interface Segment {
  description?: string;
  tenants?: string[];
  users?: string[];
  when?: Condition[];
}

export interface Rollout {
  /** Variant name -> weight in percent; weights sum to 100, resolution 0.001. */
  variants: Record<string, number>;
  /** Attribute that buckets; default `targetingKey`, `tenant` rolls out whole tenants. */
  by?: string;
}

export interface Rule {
  name?: string;
  when?: Condition[];
  variant?: string;
  rollout?: Rollout;
}

export interface Target {
  tenants?: string[];
  users?: string[];
}

export interface Prerequisite {
  flag: string;
  variants: string[];
}

export interface Schedule {
  /** ISO 8601 date-time, inclusive. */
  from?: string;
  /** ISO 8601 date-time, exclusive. */
  until?: string;
}

export type MetadataValue = string | number | boolean;

export interface Flag {
  description?: string;
  enabled?: boolean;
  variants?: Record<string, VariantValue>;
  defaultVariant?: string;
  offVariant?: string;
  client?: boolean;
  overridable?: boolean;
  targets?: Record<string, Target>;
  prerequisites?: Prerequisite[];
  schedule?: Schedule;
  rules?: Rule[];
  metadata?: Record<string, MetadataValue>;
  salt?: string;
}

export interface FlagDocument {
  segments?: Record<string, Segment>;
  flags: Record<string, Flag>;
}

/** Variants a flag has when its file names none. */
export const BOOLEAN_VARIANTS: Readonly<Record<string, boolean>> = Object.freeze({ on: true, off: false });
/** defaultVariant when a flag names none (allowed only with the implicit boolean variants). */
export const IMPLICIT_DEFAULT_VARIANT = 'off';
