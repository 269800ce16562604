import type { HonoJsonWebKey } from 'hono/utils/jwt/jws';
import type { FaultReporter } from './faults.ts';
import { describeError } from './faults.ts';

/** How long fetched keys are used before the JWKS is fetched again, unless the options say otherwise. */
export const DEFAULT_JWKS_CACHE_SECONDS = 600;
/** After a failed fetch, or a token naming an unknown `kid`, wait this long before fetching again. */
const REFETCH_BACKOFF_MS = 30_000;

/**
 * An issuer's JSON Web Key Set (RFC 7517 §5), fetched once per cache period per isolate rather than
 * on every request (hono's `verifyWithJwks` with `jwks_uri` fetches each time). A token with an
 * unknown `kid` triggers one early refetch, rate-limited, so a key rotation is picked up quickly.
 * A failed fetch keeps the keys it had.
 *
 * @example const keys = await new JwksCache(url, 600, Date.now, faults).keys('key-2024');
 */
export class JwksCache {
  readonly #url: string;
  readonly #ttlMs: number;
  readonly #clock: () => number;
  readonly #faults: FaultReporter;
  #keys: HonoJsonWebKey[] | undefined;
  #fetchedAt = Number.NEGATIVE_INFINITY;
  #attemptedAt = Number.NEGATIVE_INFINITY;
  #inFlight: Promise<void> | undefined;

  constructor(url: string, cacheSeconds: number, clock: () => number, faults: FaultReporter) {
    this.#url = url;
    this.#ttlMs = cacheSeconds * 1000;
    this.#clock = clock;
    this.#faults = faults;
  }

  /** The keys to verify a token with `kid` against; undefined when none could ever be fetched. */
  async keys(kid: string | undefined): Promise<HonoJsonWebKey[] | undefined> {
    const now = this.#clock();
    const stale = now - this.#fetchedAt >= this.#ttlMs;
    const unknownKid = kid !== undefined && this.#keys !== undefined && !this.#keys.some((key) => key.kid === kid);
    if ((stale || unknownKid) && now - this.#attemptedAt >= REFETCH_BACKOFF_MS) {
      this.#inFlight ??= this.#fetch().finally(() => {
        this.#inFlight = undefined;
      });
    }
    if (this.#inFlight !== undefined) await this.#inFlight;
    return this.#keys;
  }

  async #fetch(): Promise<void> {
    this.#attemptedAt = this.#clock();
    try {
      const response = await fetch(this.#url, { headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = (await response.json()) as { keys?: unknown };
      if (!Array.isArray(body.keys)) throw new Error('the document has no "keys" array');
      this.#keys = body.keys.filter((key): key is HonoJsonWebKey => typeof key === 'object' && key !== null);
      this.#fetchedAt = this.#clock();
    } catch (error) {
      const kept = this.#keys === undefined ? 'no keys yet, so JWTs are ignored' : 'keeping the keys fetched before';
      this.#faults.report('jwks-failed', `fetching the JWKS at ${this.#url} failed (${describeError(error)}); ${kept}`);
    }
  }
}
