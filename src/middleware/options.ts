import type { Context } from 'hono';
import type { AsymmetricAlgorithm } from 'hono/utils/jwt/jwa';
import type { OverrideRejection } from '../crypto/override-token.ts';
import type { CompiledSnapshot, EvaluationContext } from '../engine/index.ts';
import type { MiddlewareFault } from './faults.ts';

/** A snapshot the middleware can evaluate: the store's `LoadedSnapshot` is one. */
export interface ServedSnapshot {
  readonly version: number;
  readonly snapshot: CompiledSnapshot;
  /** Flags switched off by a kill switch (the store sets this): they serve their offVariant, reason DISABLED. */
  readonly killed?: ReadonlySet<string>;
}

/**
 * Where the middleware gets the snapshot of the moment, once per request: usually the store,
 * `(c) => store.read((p) => c.executionCtx.waitUntil(p))`. Undefined: nothing is published yet.
 */
export type SnapshotSource = (c: Context) => ServedSnapshot | undefined | Promise<ServedSnapshot | undefined>;

/**
 * Where a tenant key comes from. `header` and `cookie` are sent by the client and so chosen by it:
 * use them only when something you trust sets them (a proxy in front, your own login) or when the
 * tenant gates nothing. `subdomain` takes the one label left of `domain` (`acme.example.com` ->
 * `acme`); `claim` reads a claim of a verified JWT.
 */
export type TenantSource =
  | { readonly from: 'subdomain'; readonly domain: string }
  | { readonly from: 'header'; readonly name: string }
  | { readonly from: 'cookie'; readonly name: string }
  | { readonly from: 'claim'; readonly claim: string };

/** Where the user key (`targetingKey`) comes from; a `cookie` is chosen by the client (see TenantSource). */
export type UserSource = { readonly from: 'claim'; readonly claim: string } | { readonly from: 'cookie'; readonly name: string };

/** How to verify the JWT that `claim` sources read: an HS256 secret, or a JWKS URL for asymmetric keys. */
export interface JwtOptions {
  /** HS256 secret, at least 32 bytes (RFC 7518 §3.2). */
  readonly secret?: string;
  /** JWKS document of the issuer (https), fetched and cached for `jwksCacheSeconds`. */
  readonly jwksUrl?: string;
  /** With `jwksUrl`: algorithms accepted (default RS256 and ES256). Symmetric ones never are. */
  readonly algorithms?: readonly AsymmetricAlgorithm[];
  readonly jwksCacheSeconds?: number;
  /** The `iss` a token must carry. */
  readonly issuer?: string;
  /** An `aud` a token must carry (any of a list). */
  readonly audience?: string | readonly string[];
  /** Read the token from this cookie; by default from `Authorization: Bearer <token>`. */
  readonly cookie?: string;
}

/** Which flags are evaluated and forwarded: every flag (default), only `client: true` ones, or a list. */
export type FlagSelector = 'all' | 'client' | readonly string[];

/** Options of `edgeflag()`; checked once when the middleware is built. */
export interface EdgeflagOptions {
  readonly snapshot: SnapshotSource;
  /** The HMAC secret; by default `c.env.EDGEFLAG_SIGNING_SECRET`, read (and checked) on the first request. */
  readonly secret?: string;
  readonly flags?: FlagSelector;
  /** Tried in order; the first that yields a value wins. No source: no tenant. */
  readonly tenant?: TenantSource | readonly TenantSource[];
  /** Tried in order; with none found, the anonymous id is the user key. */
  readonly user?: UserSource | readonly UserSource[];
  readonly jwt?: JwtOptions;
  /** Context attributes copied from claims of the verified JWT: `{ email: 'email', plan: 'https://example.com/plan' }`. */
  readonly claims?: Readonly<Record<string, string>>;
  /**
   * Name of the cookie holding a random id for visitors without a user key, so rollouts stay sticky
   * (default `edgeflag_id`); `false` sends no cookie and leaves such visitors without a targetingKey.
   */
  readonly anonymousCookie?: string | false;
  /** More attributes from your own code (for example what an earlier auth middleware set). Edge attributes win. */
  readonly attributes?: (c: Context) => EvaluationContext | undefined;
  /** Write the evaluated client flags into HTML responses as `<script type="application/json" id="edgeflag">`. */
  readonly htmlBootstrap?: boolean;
  /**
   * What responses to flagged requests get unless the origin's Cache-Control already says
   * `private`, `no-store`, `public` or `s-maxage`: `private` (default), `no-store`, or `false` to leave them.
   */
  readonly cacheControl?: 'private' | 'no-store' | false;
  /**
   * HMAC secret of tester override tokens (`edgeflag override`); by default `c.env.EDGEFLAG_OVERRIDE_SECRET`
   * when bound. Without one, override tokens are ignored. A valid token (cookie `edgeflag-override`
   * or header `x-edgeflag-override`) forces variants of `overridable` flags for its tenant until it expires.
   */
  readonly overrideSecret?: string;
  /** Told about every override token ignored (forged, expired, malformed, another tenant's); nothing secret. */
  readonly onOverrideRejected?: (reason: OverrideRejection) => void;
  /** Epoch ms for evaluation (schedules) and signature timestamps; default `Date.now`. */
  readonly clock?: () => number;
  /** Told about every fault (they are also logged); the default Worker shows the last in health. */
  readonly onFault?: (fault: MiddlewareFault) => void;
}
