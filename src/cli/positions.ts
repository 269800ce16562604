import type { Node, Pair } from 'yaml';
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { IssuePath } from '../schema/issue.ts';
import type { FlagFile } from './flag-file.ts';

export interface Position {
  readonly line: number;
  readonly column: number;
}

function keyText(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range === undefined || range === null ? undefined : range[0];
}

/**
 * Where a document path is in its file: the value's first character, or the key's for a fault
 * in the key itself. A path that goes further than the file (a missing field) points at the
 * deepest part that exists.
 */
export function positionOf(file: FlagFile, path: IssuePath, atKey: boolean): Position {
  let node: unknown = file.document.contents;
  let offset = rangeStart(node) ?? 0;
  // Where a field missing below the current node belongs: the current node's key (or list item).
  let parent = offset;
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(file.document);
    const segment = path[i]!;
    let next: unknown;
    let keyOffset: number | undefined;
    if (isMap(node)) {
      const pair = node.items.find((item) => keyText(item) === String(segment));
      next = pair?.value;
      keyOffset = pair === undefined ? undefined : rangeStart(pair.key);
      if (pair === undefined) return located(file, parent);
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      next = node.items[segment];
    } else {
      return located(file, parent);
    }
    const valueOffset = rangeStart(next);
    offset = (i === path.length - 1 && atKey ? keyOffset : valueOffset) ?? keyOffset ?? offset;
    parent = keyOffset ?? valueOffset ?? parent;
    node = next;
  }
  return located(file, offset);
}

function located(file: FlagFile, offset: number): Position {
  const { line, col } = file.lines.linePos(offset);
  return { line, column: col };
}
