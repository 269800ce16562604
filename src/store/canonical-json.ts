/**
 * JSON text with object keys sorted recursively (by UTF-16 code units, as `Array.prototype.sort`
 * does), so that two equal documents give the same text whatever order their files listed keys in.
 *
 * The text is built directly, never through an intermediate object: copying a parsed `__proto__`
 * key into a fresh object with `obj[key] = value` would set that object's prototype instead.
 * Values JSON cannot hold (functions, undefined, symbols) are skipped in objects and written as
 * `null` in arrays, as `JSON.stringify` does.
 *
 * @example canonicalJson({ b: 1, a: [true, { d: null, c: 'x' }] }) // '{"a":[true,{"c":"x","d":null}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return write(value) ?? 'null';
}

function write(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'object':
      return Array.isArray(value) ? writeArray(value) : writeObject(value as Record<string, unknown>);
    default:
      return undefined;
  }
}

function writeArray(items: readonly unknown[]): string {
  let text = '[';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) text += ',';
    text += write(items[i]) ?? 'null';
  }
  return text + ']';
}

function writeObject(object: Record<string, unknown>): string {
  const keys = Object.keys(object).sort();
  let text = '{';
  let first = true;
  for (const key of keys) {
    const member = write(object[key]);
    if (member === undefined) continue;
    text += (first ? '' : ',') + JSON.stringify(key) + ':' + member;
    first = false;
  }
  return text + '}';
}
