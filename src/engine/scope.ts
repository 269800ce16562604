import type { AttributeReader } from './attribute.ts';
import { directKey } from './attribute.ts';
import type { EqualityIndex } from './equality-index.ts';
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

const NO_CONTEXT: EvaluationContext = Object.freeze({});

/** What a scope needs from the compiled snapshot. */
export interface ScopeShape {
  /** Attribute path of each slot. */
  readonly attributes: readonly string[];
  readonly readers: readonly AttributeReader[];
  readonly parseSlotCount: number;
  readonly segments: readonly CompiledSegment[];
  readonly equalityIndex: EqualityIndex;
}

/**
 * Per-call state: one context evaluated against one snapshot. It memoises what several flags
 * would otherwise recompute for the same context: attribute reads, parsed values (versions,
 * dates, addresses), bucketing hashes, segment matches, and flag results for prerequisites.
 *
 * A snapshot keeps one scope and reuses it for each call instead of allocating: evaluation is
 * synchronous, so calls never overlap, and `busy` catches the one way they could (a context
 * getter that itself evaluates), which then gets a scope of its own.
 */
export class Scope {
  context: EvaluationContext = NO_CONTEXT;
  now = 0;
  killed: ReadonlySet<string> | undefined = undefined;
  overrides: ReadonlyMap<string, string> | undefined = undefined;
  tenant: string | undefined = undefined;
  targetingKey: string | undefined = undefined;
  /** Flag results by flag index, kept only when some flag has prerequisites. */
  results: (EvaluationResult | undefined)[] | undefined = undefined;
  depth = 0;
  busy = false;
  /** Evaluating many flags: indexed equality conditions are answered from the EqualityIndex. */
  bulk = false;
  readonly segmentTable: readonly CompiledSegment[];
  private readonly readers: readonly AttributeReader[];
  /** Per attribute slot, the key to read directly, saving the reader call on the first read. */
  private readonly directKeys: readonly (string | undefined)[];
  // Memo entries are valid only when their stamp equals the current call's number, so starting a
  // call is one increment instead of clearing every memo.
  private call = 0;
  private readonly values: unknown[];
  private readonly valueStamps: Float64Array;
  private readonly parsedValues: unknown[];
  private readonly parsedStamps: Float64Array;
  private readonly segmentMatches: Uint8Array;
  private readonly segmentStamps: Float64Array;
  private readonly equalityIndex: EqualityIndex;
  /** Per attribute slot: the index was consulted for this call's value. */
  private readonly indexedStamps: Float64Array;
  /** Per indexed condition: its list holds this call's value. */
  private readonly listedStamps: Float64Array;

  constructor(shape: ScopeShape) {
    this.readers = shape.readers;
    this.directKeys = shape.attributes.map(directKey);
    this.segmentTable = shape.segments;
    this.values = new Array<unknown>(shape.readers.length).fill(undefined);
    this.valueStamps = new Float64Array(shape.readers.length);
    this.parsedValues = new Array<unknown>(shape.parseSlotCount).fill(undefined);
    this.parsedStamps = new Float64Array(shape.parseSlotCount);
    this.segmentMatches = new Uint8Array(shape.segments.length);
    this.segmentStamps = new Float64Array(shape.segments.length);
    this.equalityIndex = shape.equalityIndex;
    this.indexedStamps = new Float64Array(shape.readers.length);
    this.listedStamps = new Float64Array(shape.equalityIndex.size);
  }

  begin(context: EvaluationContext, options: EvaluationOptions, bulk: boolean): this {
    this.busy = true;
    this.bulk = bulk;
    this.call++;
    this.context = context;
    this.now = options.now;
    this.killed = options.killed !== undefined && options.killed.size > 0 ? options.killed : undefined;
    this.overrides = options.overrides !== undefined && options.overrides.size > 0 ? options.overrides : undefined;
    // Neither name is inherited from Object.prototype, so a direct read sees only own properties.
    const { tenant, targetingKey } = context;
    this.tenant = typeof tenant === 'string' ? tenant : undefined;
    this.targetingKey = typeof targetingKey === 'string' ? targetingKey : undefined;
    return this;
  }

  end(): void {
    this.context = NO_CONTEXT;
    this.results = undefined;
    this.depth = 0;
    this.busy = false;
  }

  /** The value of an attribute, or ABSENT when the context lacks it or it is null. */
  attribute(slot: number): unknown {
    // One flag reads each attribute about once, so only bulk evaluation keeps what it read.
    if (!this.bulk) return this.read(slot);
    if (this.valueStamps[slot] === this.call) return this.values[slot];
    const value = this.read(slot);
    this.values[slot] = value;
    this.valueStamps[slot] = this.call;
    return value;
  }

  private read(slot: number): unknown {
    const key = this.directKeys[slot];
    const value = key === undefined ? this.readers[slot]!(this.context) : this.context[key];
    return value === undefined || value === null ? ABSENT : value;
  }

  /** A memoised parse (or bucketing hash) of this call, or undefined when not computed yet. */
  parsed(slot: number): unknown {
    return this.parsedStamps[slot] === this.call ? this.parsedValues[slot] : undefined;
  }

  remember(slot: number, parsed: unknown): void {
    if (!this.bulk) return;
    this.parsedValues[slot] = parsed;
    this.parsedStamps[slot] = this.call;
  }

  /** Whether the value of an attribute is in the list of an indexed equality condition. */
  listedInIndex(slot: number, indexId: number, value: unknown): boolean {
    const call = this.call;
    if (this.indexedStamps[slot] !== call) {
      this.indexedStamps[slot] = call;
      const listing = this.equalityIndex.conditionsListing(slot, value);
      if (listing !== undefined) for (let i = 0; i < listing.length; i++) this.listedStamps[listing[i]!] = call;
    }
    return this.listedStamps[indexId] === call;
  }

  /** 0 when not known yet in this call, 1 match, 2 no match. */
  segmentMatch(index: number): number {
    return this.segmentStamps[index] === this.call ? this.segmentMatches[index]! : 0;
  }

  rememberSegment(index: number, match: boolean): void {
    this.segmentMatches[index] = match ? 1 : 2;
    this.segmentStamps[index] = this.call;
  }
}
