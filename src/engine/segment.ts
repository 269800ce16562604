import type { CompiledCondition, ConditionCompiler } from './conditions/index.ts';
import { compileConditions } from './conditions/index.ts';
import type { Segment } from './document.ts';

/** A reusable audience: listed tenants, listed users, or contexts where all `when` conditions hold. */
export class CompiledSegment {
  constructor(
    readonly tenants: ReadonlySet<string> | undefined,
    readonly users: ReadonlySet<string> | undefined,
    /** Null when the segment has no `when` (it then matches only by its lists). */
    readonly conditions: readonly CompiledCondition[] | null,
  ) {}
}

export function nonEmptySet(items: readonly string[] | undefined): ReadonlySet<string> | undefined {
  return items === undefined || items.length === 0 ? undefined : new Set(items);
}

export function compileSegment(segment: Segment, compiler: ConditionCompiler): CompiledSegment {
  const when = segment.when !== undefined && segment.when.length > 0 ? compileConditions(segment.when, compiler) : null;
  return new CompiledSegment(nonEmptySet(segment.tenants), nonEmptySet(segment.users), when);
}
