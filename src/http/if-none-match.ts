/**
 * Whether an `If-None-Match` field value matches an entity tag, per RFC 9110 §13.1.2: `*` matches
 * any current representation; otherwise the value is a comma-separated list of entity-tags
 * compared with the weak comparison function (§8.8.3.2: equal opaque-tags, `W/` ignored). An
 * opaque-tag may itself contain commas, so the list is scanned quote by quote, not split on commas;
 * members that are not entity-tags are skipped.
 *
 * OFREP answers a matching bulk evaluation with 304 although the method is POST, where §13.1.2
 * would say 412: the evaluation is a safe read, and 304 is what the OFREP document and clients expect.
 *
 * @example ifNoneMatchMatches('W/"12-ab", "13-cd"', '"12-ab"') // true
 */
export function ifNoneMatchMatches(fieldValue: string | null | undefined, etag: string): boolean {
  if (fieldValue === null || fieldValue === undefined) return false;
  const value = fieldValue.trim();
  if (value === '*') return true;
  const wanted = etag.startsWith('W/') ? etag.slice(2) : etag;
  let i = 0;
  while (i < value.length) {
    while (i < value.length && (value[i] === ' ' || value[i] === '\t' || value[i] === ',')) i++;
    if (i >= value.length) break;
    if (value.startsWith('W/', i)) i += 2;
    if (value[i] === '"') {
      const close = value.indexOf('"', i + 1);
      if (close === -1) return false;
      if (value.slice(i, close + 1) === wanted) return true;
      i = close + 1;
      while (value[i] === ' ' || value[i] === '\t') i++;
      if (i >= value.length || value[i] === ',') continue;
    }
    // Not an entity-tag: skip this member.
    const comma = value.indexOf(',', i);
    if (comma === -1) break;
    i = comma + 1;
  }
  return false;
}
