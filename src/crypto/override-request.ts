import { parse } from 'hono/utils/cookie';
import type { OverridePayload, OverrideRejection, OverrideVerify } from './override-token.ts';
import { OVERRIDE_COOKIE, OVERRIDE_HEADER, overrideVerifier } from './override-token.ts';
import { secretProblem } from './signing-key.ts';

/** The Worker secret tester override tokens are signed with (`edgeflag override` signs with the same). */
export const OVERRIDE_SECRET_BINDING = 'EDGEFLAG_OVERRIDE_SECRET';

/** Counts of ignored override tokens by reason, for health: a rise in `forged` is someone probing. */
export class OverrideRejections {
  readonly #counts: Record<OverrideRejection, number> = { malformed: 0, forged: 0, expired: 0, 'out-of-scope': 0 };
  readonly #listener: ((reason: OverrideRejection) => void) | undefined;

  /** `listener` is told about each ignored token as well (the middleware's `onOverrideRejected`). */
  constructor(listener?: (reason: OverrideRejection) => void) {
    this.#listener = listener;
  }

  readonly record = (reason: OverrideRejection): void => {
    this.#counts[reason] += 1;
    this.#listener?.(reason);
  };

  /** A copy of the counts since this isolate started. */
  counts(): Readonly<Record<OverrideRejection, number>> {
    return { ...this.#counts };
  }
}

/** What health says about tester overrides: counts only, never a token or the secret. */
export interface OverrideHealth {
  /** Whether tokens are honoured: EDGEFLAG_OVERRIDE_SECRET is set and usable. */
  readonly enabled: boolean;
  readonly rejected: Readonly<Record<OverrideRejection, number>>;
  /** Why overrides are off although the secret is set (too short). */
  readonly problem?: string;
}

/**
 * The token a request carries: the `x-edgeflag-override` header (tools, server-side tests), else the
 * `edgeflag-override` cookie (a tester's browser).
 *
 * @example overrideToken(request.headers) // 'eyJ2IjoxLC….k3Jd…' or undefined
 */
export function overrideToken(headers: Headers): string | undefined {
  const header = headers.get(OVERRIDE_HEADER);
  if (header !== null && header.trim() !== '') return header.trim();
  const cookies = headers.get('cookie');
  return cookies === null ? undefined : parse(cookies, OVERRIDE_COOKIE)[OVERRIDE_COOKIE];
}

/**
 * A Cookie header without the override cookie (undefined when nothing is left), so the origin
 * behind the middleware never receives the tester's bearer token.
 *
 * @example withoutOverrideCookie('a=1; edgeflag-override=eyJ…') // 'a=1'
 */
export function withoutOverrideCookie(cookies: string): string | undefined {
  const kept = cookies.split(';').filter((pair) => pair.slice(0, Math.max(0, pair.indexOf('='))).trim() !== OVERRIDE_COOKIE);
  const joined = kept.map((pair) => pair.trim()).filter((pair) => pair !== '').join('; ');
  return joined === '' ? undefined : joined;
}

/**
 * Tester overrides of one Worker: verifies the token a request carries with EDGEFLAG_OVERRIDE_SECRET
 * (HMAC checked in constant time by Web Crypto), its expiry and its tenant scope, and counts every
 * token it ignores. Without the secret, tokens are ignored and not counted: the feature is off.
 *
 * @example
 * const overrides = new TesterOverrides(env.EDGEFLAG_OVERRIDE_SECRET);
 * let forced = overrides.read(request.headers, context, now); if (forced instanceof Promise) forced = await forced;
 */
export class TesterOverrides {
  readonly #verify: OverrideVerify | undefined;
  readonly #rejections: OverrideRejections;
  readonly #problem: string | undefined;

  constructor(secret: unknown, rejections: OverrideRejections = new OverrideRejections()) {
    this.#rejections = rejections;
    this.#problem = secret === undefined || secret === '' ? undefined : secretProblem(secret, OVERRIDE_SECRET_BINDING);
    this.#verify = secret === undefined || secret === '' || this.#problem !== undefined ? undefined : overrideVerifier(secret as string);
  }

  get enabled(): boolean {
    return this.#verify !== undefined;
  }

  /**
   * The verified overrides of a request. A request without a token (nearly all) gets `undefined` at
   * once, with no promise and no crypto; a token that fails any check gives `undefined` and is counted.
   */
  read(headers: Headers, context: { readonly tenant?: unknown }, now: number): ReadonlyMap<string, string> | undefined | Promise<ReadonlyMap<string, string> | undefined> {
    const verify = this.#verify;
    if (verify === undefined) return undefined;
    const token = overrideToken(headers);
    if (token === undefined) return undefined;
    return this.check(token, context, now);
  }

  /** Verifies one token (see `read`), counting it when it is ignored. */
  async check(token: string, context: { readonly tenant?: unknown }, now: number): Promise<ReadonlyMap<string, string> | undefined> {
    if (this.#verify === undefined) return undefined;
    const checked = await this.#verify(token, context, now);
    if (checked.ok) return checked.overrides;
    this.#rejections.record(checked.reason);
    return undefined;
  }

  /**
   * The payload of an authentic, unexpired token whatever its tenant (the link that sets the cookie
   * knows no context yet; the scope is checked on every request), or undefined, counted.
   */
  async authentic(token: string, now: number): Promise<OverridePayload | undefined> {
    if (this.#verify === undefined) return undefined;
    const checked = await this.#verify(token, {}, now);
    // An authentic token out of its tenant's scope is still the tester's: the scope applies per request.
    if (checked.ok || checked.payload !== undefined) return checked.payload;
    this.#rejections.record(checked.reason);
    return undefined;
  }

  health(): OverrideHealth {
    const rejected = this.#rejections.counts();
    return this.#problem === undefined ? { enabled: this.enabled, rejected } : { enabled: false, rejected, problem: this.#problem };
  }
}
