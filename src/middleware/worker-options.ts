import type { EdgeflagOptions, FlagSelector, JwtOptions, TenantSource, UserSource } from './options.ts';
import { EdgeflagConfigError } from './prepare-options.ts';

/** The vars and secrets the default Worker's proxy reads (all optional: see README "Middleware"). */
export interface ProxyEnv {
  /** `scheme://host[:port]` of the origin; unset: the request's own URL (a Worker on a route). */
  readonly EDGEFLAG_ORIGIN?: string;
  readonly EDGEFLAG_SIGNING_SECRET?: string;
  /** Comma list of `subdomain:<domain>`, `header:<name>`, `cookie:<name>`, `claim:<claim>`. */
  readonly EDGEFLAG_TENANT_FROM?: string;
  /** Comma list of `claim:<claim>`, `cookie:<name>`. */
  readonly EDGEFLAG_USER_FROM?: string;
  readonly EDGEFLAG_JWT_SECRET?: string;
  readonly EDGEFLAG_JWKS_URL?: string;
  readonly EDGEFLAG_JWT_ISSUER?: string;
  /** Comma list of accepted audiences. */
  readonly EDGEFLAG_JWT_AUDIENCE?: string;
  readonly EDGEFLAG_JWT_COOKIE?: string;
  /** Comma list of `attribute=claim` (or `claim` for the same name) copied into the context. */
  readonly EDGEFLAG_JWT_CLAIMS?: string;
  /** `all` (default), `client`, or a comma list of flag keys. */
  readonly EDGEFLAG_FLAGS?: string;
  /** `true` writes client flags into HTML responses. */
  readonly EDGEFLAG_HTML_BOOTSTRAP?: string;
  /** Cookie name of the anonymous id (default `edgeflag_id`), or `off`. */
  readonly EDGEFLAG_ANONYMOUS_COOKIE?: string;
}

/** `edgeflag()`'s options as the vars set them, apart from what the Worker wires itself. */
export type ProxyOptions = Omit<EdgeflagOptions, 'snapshot' | 'clock' | 'onFault' | 'onOverrideRejected'>;

function items(text: string | undefined): string[] {
  return (text ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
}

function set(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

function sources(name: string, text: string | undefined, allowed: readonly string[], problems: string[]): (TenantSource | UserSource)[] {
  const parsed: (TenantSource | UserSource)[] = [];
  for (const item of items(text)) {
    const colon = item.indexOf(':');
    const kind = colon === -1 ? item : item.slice(0, colon);
    const value = colon === -1 ? '' : item.slice(colon + 1).trim();
    if (!allowed.includes(kind) || value === '') {
      problems.push(`${name} lists ${JSON.stringify(item)}: write ${allowed.map((k) => `${k}:<${k === 'subdomain' ? 'domain' : k === 'claim' ? 'claim' : 'name'}>`).join(', ')}`);
    } else if (kind === 'subdomain') parsed.push({ from: 'subdomain', domain: value.toLowerCase() });
    else if (kind === 'claim') parsed.push({ from: 'claim', claim: value });
    else parsed.push({ from: kind as 'header' | 'cookie', name: value });
  }
  return parsed;
}

/**
 * The origin to forward to (EDGEFLAG_ORIGIN), or undefined for the request's own URL; throws an
 * EdgeflagConfigError when the var is not an origin.
 *
 * @example readOrigin({ EDGEFLAG_ORIGIN: 'https://origin.example.com/' }) // 'https://origin.example.com'
 */
export function readOrigin(env: ProxyEnv): string | undefined {
  const value = set(env.EDGEFLAG_ORIGIN);
  if (value === undefined) return undefined;
  let origin: string | undefined;
  try {
    const url = new URL(value);
    origin = (url.protocol === 'https:' || url.protocol === 'http:') && (url.pathname === '/' || url.pathname === '') && url.search === '' ? url.origin : undefined;
  } catch {
    origin = undefined;
  }
  if (origin === undefined) {
    throw new EdgeflagConfigError(`EDGEFLAG_ORIGIN is ${JSON.stringify(value)}: write the origin only, scheme://host[:port] such as https://origin.example.com`);
  }
  return origin;
}

function jwtOf(env: ProxyEnv): JwtOptions | undefined {
  const secret = set(env.EDGEFLAG_JWT_SECRET);
  const jwksUrl = set(env.EDGEFLAG_JWKS_URL);
  if (secret === undefined && jwksUrl === undefined) return undefined;
  const audience = items(env.EDGEFLAG_JWT_AUDIENCE);
  const issuer = set(env.EDGEFLAG_JWT_ISSUER);
  const cookie = set(env.EDGEFLAG_JWT_COOKIE);
  return {
    ...(secret === undefined ? {} : { secret }),
    ...(jwksUrl === undefined ? {} : { jwksUrl }),
    ...(issuer === undefined ? {} : { issuer }),
    ...(audience.length === 0 ? {} : { audience }),
    ...(cookie === undefined ? {} : { cookie }),
  };
}

/**
 * Reads `edgeflag()`'s options from the default Worker's vars and secrets, reporting every problem
 * at once in an EdgeflagConfigError that names the var. Secrets are never quoted.
 *
 * @example readProxyOptions({ EDGEFLAG_TENANT_FROM: 'claim:org' }) // { tenant: [{ from: 'claim', claim: 'org' }], ... }
 */
export function readProxyOptions(env: ProxyEnv): ProxyOptions {
  const problems: string[] = [];
  const tenant = sources('EDGEFLAG_TENANT_FROM', env.EDGEFLAG_TENANT_FROM, ['subdomain', 'header', 'cookie', 'claim'], problems) as TenantSource[];
  const user = sources('EDGEFLAG_USER_FROM', env.EDGEFLAG_USER_FROM, ['claim', 'cookie'], problems) as UserSource[];
  const flagList = items(env.EDGEFLAG_FLAGS);
  const flags: FlagSelector = flagList.length === 0 ? 'all' : flagList.length === 1 && (flagList[0] === 'all' || flagList[0] === 'client') ? flagList[0] : flagList;
  const bootstrap = set(env.EDGEFLAG_HTML_BOOTSTRAP)?.toLowerCase();
  if (bootstrap !== undefined && bootstrap !== 'true' && bootstrap !== 'false') problems.push(`EDGEFLAG_HTML_BOOTSTRAP is ${JSON.stringify(bootstrap)}: write true or false`);
  const anonymous = set(env.EDGEFLAG_ANONYMOUS_COOKIE);
  const claims = Object.fromEntries(items(env.EDGEFLAG_JWT_CLAIMS).map((item) => {
    const [attribute, claim] = item.split('=', 2).map((part) => part.trim());
    return [attribute!, claim === undefined || claim === '' ? attribute! : claim];
  }));
  if (problems.length > 0) throw new EdgeflagConfigError(`edgeflag's proxy is misconfigured:\n- ${problems.join('\n- ')}`);
  const secret = set(env.EDGEFLAG_SIGNING_SECRET);
  const jwt = jwtOf(env);
  return {
    ...(secret === undefined ? {} : { secret }),
    flags,
    tenant,
    user,
    ...(jwt === undefined ? {} : { jwt }),
    ...(Object.keys(claims).length === 0 ? {} : { claims }),
    ...(anonymous === undefined ? {} : { anonymousCookie: anonymous === 'off' ? false : anonymous }),
    htmlBootstrap: bootstrap === 'true',
  };
}
