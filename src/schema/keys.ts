import * as z from 'zod';

/**
 * Keys of flags, segments and variants. They appear in URLs, HTTP headers (RFC 9651 dictionary
 * members carry them as values) and KV key names, so they are limited to a URL-safe alphabet.
 */
export const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export const KEY_RULE = 'a key starts with a letter or digit and uses only letters, digits, ".", "_" and "-"';

/** A record key of the given kind, e.g. `keySchema('flag key')`. */
export function keySchema(kind: string) {
  return z.string().regex(KEY_PATTERN).meta({ description: `${kind}: ${KEY_RULE}` });
}
