/**
 * Keys of flags, segments and variants. They appear in URLs, HTTP headers (RFC 9651 dictionary
 * members carry them as values) and KV key names, so they are limited to a URL-safe alphabet.
 * Kept apart from the zod schemas so that `edgeflag/verify` and the middleware can use it without zod.
 */
export const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export const KEY_RULE = 'a key starts with a letter or digit and uses only letters, digits, ".", "_" and "-"';
