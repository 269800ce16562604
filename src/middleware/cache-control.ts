/**
 * Directives by which an origin has already decided who may cache a response (RFC 9111 §5.2.2):
 * `private`/`no-store` keep it out of shared caches, `public`/`s-maxage` let it in on purpose (the
 * origin knows the body does not depend on the flags).
 */
const DECIDED = new Set(['private', 'no-store', 'public', 's-maxage']);

/**
 * The Cache-Control a response to a flagged request should carry, or undefined to leave it as the
 * origin sent it. The body may depend on flags that depend on who asked, and `Vary` cannot name
 * those inputs (a cookie, a JWT claim, the client's country), so a shared cache must not keep it.
 *
 * @example cacheControlFor('max-age=60', 'private') // 'private, max-age=60'
 */
export function cacheControlFor(current: string | null, mode: 'private' | 'no-store'): string | undefined {
  if (current === null || current.trim() === '') return mode;
  for (const directive of current.split(',')) {
    const name = directive.split('=', 1)[0]!.trim().toLowerCase();
    if (DECIDED.has(name)) return undefined;
  }
  return `${mode}, ${current}`;
}
