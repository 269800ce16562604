import { secretProblem } from '../crypto/signing-key.ts';
import { KEY_PATTERN } from '../schema/key-pattern.ts';
import { EDGE_ATTRIBUTES } from './edge-attributes.ts';
import type { EdgeflagOptions, FlagSelector, JwtOptions, TenantSource, UserSource } from './options.ts';

/** `edgeflag()` was built with options that cannot work; the message lists every problem and its fix. */
export class EdgeflagConfigError extends Error {
  override readonly name = 'EdgeflagConfigError';
}

/** Options after checking: lists normalised, defaults filled in (in a new object, never the caller's). */
export interface PreparedOptions {
  readonly snapshot: EdgeflagOptions['snapshot'];
  readonly secret: string | undefined;
  readonly overrideSecret: string | undefined;
  readonly onOverrideRejected: EdgeflagOptions['onOverrideRejected'];
  readonly flags: FlagSelector;
  readonly tenant: readonly TenantSource[];
  readonly user: readonly UserSource[];
  readonly jwt: JwtOptions | undefined;
  readonly claims: readonly (readonly [attribute: string, claim: string])[];
  readonly anonymousCookie: string | undefined;
  readonly attributes: EdgeflagOptions['attributes'];
  readonly htmlBootstrap: boolean;
  readonly cacheControl: 'private' | 'no-store' | false;
  readonly clock: () => number;
  readonly onFault: EdgeflagOptions['onFault'];
}

export const DEFAULT_ANONYMOUS_COOKIE = 'edgeflag_id';

// RFC 9110 §5.1 field-name = token; RFC 6265 §4.1.1 cookie-name = token.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** Context names the middleware fills itself: a claim mapped onto one would be silently overwritten. */
const RESERVED = new Set<string>(['targetingKey', 'tenant', 'anonymous', ...EDGE_ATTRIBUTES]);

function list<T>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

function checkSource(where: string, source: TenantSource | UserSource, hasJwt: boolean, problems: string[]): void {
  switch (source.from) {
    case 'subdomain':
      if (typeof source.domain !== 'string' || !HOSTNAME.test(source.domain)) {
        problems.push(`${where}.domain must be a lowercase host name such as "example.com", got ${JSON.stringify(source.domain)}`);
      }
      return;
    case 'header':
    case 'cookie':
      if (typeof source.name !== 'string' || !TOKEN.test(source.name)) {
        problems.push(`${where}.name must be a ${source.from} name (letters, digits, "-", "_"), got ${JSON.stringify(source.name)}`);
      } else if (source.from === 'header' && source.name.toLowerCase().startsWith('x-edgeflag')) {
        problems.push(`${where}.name "${source.name}" is an x-edgeflag header, which the middleware removes from every request: use another header`);
      }
      return;
    case 'claim':
      if (typeof source.claim !== 'string' || source.claim === '') problems.push(`${where}.claim must name a JWT claim such as "sub"`);
      if (!hasJwt) problems.push(`${where} reads a JWT claim but no \`jwt\` option says how to verify tokens: add jwt: { secret } or jwt: { jwksUrl }`);
      return;
    default:
      problems.push(`${where}.from must be one of "subdomain", "header", "cookie", "claim", got ${JSON.stringify((source as { from: unknown }).from)}`);
  }
}

function checkJwt(jwt: JwtOptions, problems: string[]): void {
  if ((jwt.secret === undefined) === (jwt.jwksUrl === undefined)) {
    problems.push('jwt needs exactly one of `secret` (HS256) or `jwksUrl` (RS256, ES256, ...)');
  }
  if (jwt.secret !== undefined) {
    const problem = secretProblem(jwt.secret, 'jwt.secret');
    if (problem !== undefined) problems.push(`${problem} (RFC 7518 §3.2 requires 256 bits for HS256)`);
  }
  if (jwt.jwksUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(jwt.jwksUrl);
    } catch {
      url = undefined;
    }
    const loopback = url !== undefined && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (url === undefined || (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))) {
      problems.push(`jwt.jwksUrl must be an https URL such as https://issuer.example.com/.well-known/jwks.json, got ${JSON.stringify(jwt.jwksUrl)}`);
    }
  }
  if (jwt.cookie !== undefined && !TOKEN.test(jwt.cookie)) problems.push(`jwt.cookie must be a cookie name, got ${JSON.stringify(jwt.cookie)}`);
  if (jwt.jwksCacheSeconds !== undefined && !(Number.isFinite(jwt.jwksCacheSeconds) && jwt.jwksCacheSeconds > 0)) {
    problems.push(`jwt.jwksCacheSeconds must be a number of seconds > 0, got ${jwt.jwksCacheSeconds}`);
  }
}

function checkFlags(flags: FlagSelector, problems: string[]): void {
  if (flags === 'all' || flags === 'client') return;
  if (!Array.isArray(flags) || flags.length === 0) {
    problems.push('flags must be "all", "client" or a non-empty list of flag keys');
    return;
  }
  for (const key of flags) if (typeof key !== 'string' || !KEY_PATTERN.test(key)) problems.push(`flags lists ${JSON.stringify(key)}, which is not a flag key`);
}

/**
 * Checks `edgeflag()`'s options once, collecting every problem into one EdgeflagConfigError.
 *
 * @example const prepared = prepareOptions({ snapshot: (c) => store.read((p) => c.executionCtx.waitUntil(p)) });
 */
export function prepareOptions(options: EdgeflagOptions): PreparedOptions {
  const problems: string[] = [];
  if (typeof options.snapshot !== 'function') problems.push('snapshot must be a function returning the current snapshot, e.g. (c) => store.read((p) => c.executionCtx.waitUntil(p))');
  if (options.secret !== undefined) {
    const problem = secretProblem(options.secret, 'secret');
    if (problem !== undefined) problems.push(problem);
  }
  if (options.overrideSecret !== undefined) {
    const problem = secretProblem(options.overrideSecret, 'overrideSecret');
    if (problem !== undefined) problems.push(problem);
  }
  const flags = options.flags ?? 'all';
  checkFlags(flags, problems);
  const hasJwt = options.jwt !== undefined;
  if (options.jwt !== undefined) checkJwt(options.jwt, problems);
  const tenant = list(options.tenant);
  const user = list(options.user);
  tenant.forEach((source, index) => checkSource(options.tenant === tenant ? `tenant[${index}]` : 'tenant', source, hasJwt, problems));
  user.forEach((source, index) => {
    const from: unknown = source.from;
    if (from !== 'claim' && from !== 'cookie') problems.push(`user.from must be "claim" or "cookie", got ${JSON.stringify(from)}`);
    else checkSource(options.user === user ? `user[${index}]` : 'user', source, hasJwt, problems);
  });
  const claims = Object.entries(options.claims ?? {});
  if (claims.length > 0 && !hasJwt) problems.push('claims copies JWT claims but no `jwt` option says how to verify tokens');
  for (const [attribute] of claims) {
    if (RESERVED.has(attribute)) problems.push(`claims maps onto "${attribute}", which the middleware sets itself: use tenant/user sources, or another attribute name`);
  }
  const anonymousCookie = options.anonymousCookie === false ? undefined : (options.anonymousCookie ?? DEFAULT_ANONYMOUS_COOKIE);
  if (anonymousCookie !== undefined && !TOKEN.test(anonymousCookie)) problems.push(`anonymousCookie must be a cookie name, got ${JSON.stringify(anonymousCookie)}`);
  const cacheControl = options.cacheControl ?? 'private';
  if (cacheControl !== 'private' && cacheControl !== 'no-store' && cacheControl !== false) {
    problems.push(`cacheControl must be "private", "no-store" or false, got ${JSON.stringify(cacheControl)}`);
  }
  const htmlBootstrap = options.htmlBootstrap ?? false;
  if (htmlBootstrap && typeof HTMLRewriter === 'undefined') {
    problems.push('htmlBootstrap needs HTMLRewriter, which only Cloudflare Workers (and workerd) provide: turn it off elsewhere');
  }
  if (problems.length > 0) throw new EdgeflagConfigError(`edgeflag() is misconfigured:\n- ${problems.join('\n- ')}`);
  return {
    snapshot: options.snapshot,
    secret: options.secret,
    overrideSecret: options.overrideSecret,
    onOverrideRejected: options.onOverrideRejected,
    flags,
    tenant,
    user,
    jwt: options.jwt,
    claims,
    anonymousCookie,
    attributes: options.attributes,
    htmlBootstrap,
    cacheControl,
    clock: options.clock ?? Date.now,
    onFault: options.onFault,
  };
}
