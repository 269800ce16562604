import type { AttributeCondition, JsonPrimitive } from './document.ts';

/**
 * For each attribute, the equality conditions (in, eq, not_in, neq) that each value appears in.
 *
 * Tenant and user lists are the most common rules, and a snapshot has many of them on the same
 * attribute. Evaluating all flags for one context then costs one map lookup per attribute value
 * (marking every list that holds it) instead of one set lookup per condition.
 */
export class EqualityIndex {
  private readonly byAttribute: (Map<unknown, number[]> | undefined)[] = [];
  /** Number of indexed conditions; their ids are 0 to size - 1. */
  size = 0;

  /**
   * Indexes a condition and returns its id, or -1 when it cannot be indexed: `ignoreCase` and
   * listed numbers (which also match numeric text) need the condition's own test.
   */
  add(slot: number, condition: AttributeCondition, values: readonly JsonPrimitive[]): number {
    const equality = condition.op === 'in' || condition.op === 'eq' || condition.op === 'not_in' || condition.op === 'neq';
    if (!equality || condition.ignoreCase === true || values.some((value) => typeof value === 'number')) return -1;
    const id = this.size++;
    let byValue = this.byAttribute[slot];
    if (byValue === undefined) {
      byValue = new Map();
      this.byAttribute[slot] = byValue;
    }
    for (const value of values) {
      const ids = byValue.get(value);
      if (ids === undefined) byValue.set(value, [id]);
      // A value listed twice in one condition is recorded once: this condition's id is then last.
      else if (ids[ids.length - 1] !== id) ids.push(id);
    }
    return id;
  }

  /** Ids of the indexed conditions on this attribute that list this value. */
  conditionsListing(slot: number, value: unknown): readonly number[] | undefined {
    return this.byAttribute[slot]?.get(value);
  }
}
