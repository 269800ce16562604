import type { AttributeReader } from './attribute.ts';
import type { EvaluationResult } from './result.ts';
import type { CompiledSegment } from './segment.ts';

/** What a flag is evaluated for: OpenFeature's evaluation context. `targetingKey` is the user, `tenant` the tenant. */
export type EvaluationContext = Readonly<Record<string, unknown>>;

export interface EvaluationOptions {
  /** Milliseconds since the epoch: schedules are checked against it (the engine reads no clock). */
  readonly now: number;
  /** Flags switched off by a kill switch: they serve offVariant with reason DISABLED. */
  readonly killed?: ReadonlySet<string>;
  /** Verified tester overrides, flag key -> variant; applied only to `overridable` flags. */
  readonly overrides?: ReadonlyMap<string, string>;
}

/** Marks an attribute that the context lacks (absent or null) in the per-scope cache. */
export const ABSENT: unique symbol = Symbol('absent');

const NO_SEGMENTS = new Uint8Array(0);

/**
 * Per-call state: one context evaluated against one snapshot. It memoises what several flags
 * would otherwise recompute for the same context: attribute reads, parsed values (versions,
 * dates, addresses), bucketing hashes, segment matches, and flag results for prerequisites.
 */
export class Scope {
  readonly context: EvaluationContext;
  readonly now: number;
  readonly killed: ReadonlySet<string> | undefined;
  readonly overrides: ReadonlyMap<string, string> | undefined;
  readonly tenant: string | undefined;
  readonly targetingKey: string | undefined;
  /** Attribute values by attribute slot, read at most once per scope. */
  readonly values: unknown[];
  /** Parsed values by parse slot; `undefined` means not computed yet, `null` means unparseable. */
  readonly parsed: unknown[];
  /** Segment matches by segment index: 0 unknown, 1 match, 2 no match. */
  readonly segments: Uint8Array;
  /** Flag results by flag index, kept only when some flag has prerequisites. */
  results: (EvaluationResult | undefined)[] | undefined;
  depth = 0;
  readonly segmentTable: readonly CompiledSegment[];
  private readonly readers: readonly AttributeReader[];

  constructor(
    context: EvaluationContext,
    options: EvaluationOptions,
    compiled: {
      readonly readers: readonly AttributeReader[];
      readonly parseSlotCount: number;
      readonly segments: readonly CompiledSegment[];
    },
  ) {
    this.context = context;
    // Sized up front: growing an array on first write would allocate again on the hot path.
    this.values = new Array<unknown>(compiled.readers.length).fill(undefined);
    this.parsed = new Array<unknown>(compiled.parseSlotCount).fill(undefined);
    this.readers = compiled.readers;
    this.segmentTable = compiled.segments;
    this.segments = compiled.segments.length === 0 ? NO_SEGMENTS : new Uint8Array(compiled.segments.length);
    this.now = options.now;
    this.killed = options.killed !== undefined && options.killed.size > 0 ? options.killed : undefined;
    this.overrides = options.overrides !== undefined && options.overrides.size > 0 ? options.overrides : undefined;
    // Neither name is inherited from Object.prototype, so a direct read sees only own properties.
    const { tenant, targetingKey } = context;
    this.tenant = typeof tenant === 'string' ? tenant : undefined;
    this.targetingKey = typeof targetingKey === 'string' ? targetingKey : undefined;
  }

  /** The value of an attribute, or ABSENT when the context lacks it or it is null. */
  attribute(slot: number): unknown {
    let value = this.values[slot];
    if (value === undefined) {
      value = this.readers[slot]!(this.context);
      if (value === undefined || value === null) value = ABSENT;
      this.values[slot] = value;
    }
    return value;
  }
}
