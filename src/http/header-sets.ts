/** More distinct sets than this means values that vary per request: start over rather than grow. */
const MAX_SETS = 32;

/**
 * `Headers` objects for answers whose headers repeat from request to request: `base` plus the
 * request's `extra` (the snapshot version, CORS), built once per distinct `extra` and handed to
 * `new Response`, which copies them (Fetch standard, "fill"; workerd does the same). Handing
 * workerd a `Headers` lets it copy a native list instead of reading every name and value off a JS
 * object on each request. In workerd under load (`npm run bench:ab`) that gained 1-15% single-flag
 * throughput over five runs (README, Benchmarks, HTTP).
 *
 * @example
 * const sets = new HeaderSets(JSON_HEADERS);
 * new Response(body, { headers: sets.of({ 'x-edgeflag-version': '12' }) });
 */
export class HeaderSets {
  readonly #base: Readonly<Record<string, string>>;
  readonly #sets = new Map<string, Headers>();

  constructor(base: Readonly<Record<string, string>>) {
    this.#base = base;
  }

  of(extra: Readonly<Record<string, string>>): Headers {
    let key = '';
    for (const name in extra) key += `${name}:${extra[name]!}\n`;
    let headers = this.#sets.get(key);
    if (headers === undefined) {
      if (this.#sets.size >= MAX_SETS) this.#sets.clear();
      headers = new Headers({ ...this.#base, ...extra });
      this.#sets.set(key, headers);
    }
    return headers;
  }
}
