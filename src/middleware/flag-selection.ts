import { flagMember, MEMBER_SEPARATOR } from '../crypto/flag-header.ts';
import type { CompiledSnapshot, EvaluationResult, FlagInfo } from '../engine/index.ts';
import type { FlagSelector } from './options.ts';

/** A forwarded flag: where its result is, and its dictionary member for each variant, written in advance. */
interface HeaderSlot {
  readonly index: number;
  readonly members: ReadonlyMap<string, string>;
}

/**
 * What one snapshot version needs evaluated per request: the selected flags plus, for the HTML
 * bootstrap, the client flags, each evaluated once. Built once per version, so a request only
 * evaluates and looks members up.
 */
export interface FlagSelection {
  readonly snapshot: CompiledSnapshot;
  /** Passed to `evaluateAll`; results come back in this order. */
  readonly evaluated: readonly FlagInfo[];
  readonly header: readonly HeaderSlot[];
  /** Indexes (into `evaluated`) of the client flags, for the HTML bootstrap. */
  readonly client: readonly number[];
  /** Listed flags this version does not have. */
  readonly missing: readonly string[];
}

function selected(snapshot: CompiledSnapshot, selector: FlagSelector): { flags: FlagInfo[]; missing: string[] } {
  if (selector === 'all') return { flags: [...snapshot.flags], missing: [] };
  if (selector === 'client') return { flags: [...snapshot.clientFlags], missing: [] };
  const flags: FlagInfo[] = [];
  const missing: string[] = [];
  for (const key of new Set(selector)) {
    const flag = snapshot.flag(key);
    if (flag === undefined) missing.push(key);
    else flags.push(flag);
  }
  return { flags, missing };
}

/**
 * Prepares what a snapshot version needs per request.
 *
 * @example const selection = selectFlags(loaded.snapshot, 'all', false);
 */
export function selectFlags(snapshot: CompiledSnapshot, selector: FlagSelector, bootstrap: boolean): FlagSelection {
  const { flags, missing } = selected(snapshot, selector);
  const evaluated = [...flags];
  const position = new Map(flags.map((flag, index) => [flag.key, index]));
  const client: number[] = [];
  if (bootstrap) {
    for (const flag of snapshot.clientFlags) {
      let index = position.get(flag.key);
      if (index === undefined) {
        index = evaluated.push(flag) - 1;
        position.set(flag.key, index);
      }
      client.push(index);
    }
  }
  const header = flags.map((flag, index) => ({
    index,
    members: new Map(Object.keys(flag.variants).map((variant) => [variant, flagMember(flag.key, variant)])),
  }));
  return { snapshot, evaluated, header, client, missing };
}

/**
 * The `x-edgeflag` value for one request's results: the selected flags' variants, in selection order.
 * A result without a variant (an evaluation error with nothing served) is left out.
 *
 * @example flagHeaderValue(selection, results) // 'new-checkout=on, theme=dark'
 */
export function flagHeaderValue(selection: FlagSelection, results: readonly EvaluationResult[]): string {
  let value = '';
  for (const slot of selection.header) {
    const variant = results[slot.index]?.variant;
    if (variant === undefined) continue;
    const member = slot.members.get(variant);
    if (member === undefined) continue;
    value = value === '' ? member : value + MEMBER_SEPARATOR + member;
  }
  return value;
}

/** Remembers the selection of the snapshot last seen: a new version replaces it. */
export class SelectionCache {
  #last: FlagSelection | undefined;
  readonly #selector: FlagSelector;
  readonly #bootstrap: boolean;

  constructor(selector: FlagSelector, bootstrap: boolean) {
    this.#selector = selector;
    this.#bootstrap = bootstrap;
  }

  /** The selection for this snapshot, and whether it was just built (so a fault about it is reported once). */
  for(snapshot: CompiledSnapshot): { selection: FlagSelection; built: boolean } {
    const last = this.#last;
    if (last !== undefined && last.snapshot === snapshot) return { selection: last, built: false };
    const selection = selectFlags(snapshot, this.#selector, this.#bootstrap);
    this.#last = selection;
    return { selection, built: true };
  }
}
