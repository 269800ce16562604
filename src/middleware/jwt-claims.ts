import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { Jwt } from 'hono/utils/jwt';
import type { AsymmetricAlgorithm } from 'hono/utils/jwt/jwa';
import type { JWTPayload } from 'hono/utils/jwt/types';
import { importSigningKey } from '../crypto/signing-key.ts';
import type { FaultReporter } from './faults.ts';
import { DEFAULT_JWKS_CACHE_SECONDS, JwksCache } from './jwks-cache.ts';
import type { JwtOptions } from './options.ts';

const DEFAULT_ALGORITHMS: readonly AsymmetricAlgorithm[] = ['RS256', 'ES256'];
// RFC 6750 §2.1; the scheme is case-insensitive (RFC 9110 §11.1).
const BEARER = /^bearer[ \t]+([A-Za-z0-9._~+/=-]+)[ \t]*$/i;

/** Reads the claims of a request's JWT, only when its signature, expiry and issuer check out. */
export interface JwtClaims {
  /** The verified payload, or undefined for no token or one that fails any check (it is then ignored). */
  read(c: Context): Promise<JWTPayload | undefined>;
}

function tokenOf(c: Context, cookie: string | undefined): string | undefined {
  if (cookie !== undefined) return getCookie(c, cookie) || undefined;
  const authorization = c.req.raw.headers.get('authorization');
  return authorization === null ? undefined : BEARER.exec(authorization)?.[1];
}

function kidOf(token: string): string | undefined {
  try {
    const kid = Jwt.decode(token).header.kid;
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies JWTs with hono's JWT utilities: HS256 with a secret imported once, or the asymmetric
 * algorithms allowed with keys from a cached JWKS (`alg: none` and symmetric algorithms are refused
 * there). A token that fails is ignored, never an error: the request goes on without its claims.
 * Error messages of hono's JWT classes quote the token, so they are never logged.
 *
 * @example const claims = await jwtClaims({ secret }, Date.now, faults).read(c); // { sub: 'u-1', org: 'acme' }
 */
export function jwtClaims(options: JwtOptions, clock: () => number, faults: FaultReporter): JwtClaims {
  const verification = {
    ...(options.issuer === undefined ? {} : { iss: options.issuer }),
    ...(options.audience === undefined ? {} : { aud: typeof options.audience === 'string' ? options.audience : [...options.audience] }),
  };
  if (options.secret !== undefined) {
    const key = importSigningKey(options.secret, 'verify');
    return {
      async read(c) {
        const token = tokenOf(c, options.cookie);
        if (token === undefined) return undefined;
        return Jwt.verify(token, await key, { alg: 'HS256', ...verification }).catch(() => undefined);
      },
    };
  }
  const jwks = new JwksCache(options.jwksUrl!, options.jwksCacheSeconds ?? DEFAULT_JWKS_CACHE_SECONDS, clock, faults);
  const allowedAlgorithms = options.algorithms ?? DEFAULT_ALGORITHMS;
  return {
    async read(c) {
      const token = tokenOf(c, options.cookie);
      if (token === undefined) return undefined;
      const keys = await jwks.keys(kidOf(token));
      if (keys === undefined) return undefined;
      return Jwt.verifyWithJwks(token, { keys, allowedAlgorithms, verification }).catch(() => undefined);
    },
  };
}
