import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { JWTPayload } from 'hono/utils/jwt/types';
import type { EvaluationContext } from '../engine/index.ts';
import type { AnonymousId } from './anonymous-id.ts';
import { anonymousId } from './anonymous-id.ts';
import { addEdgeAttributes } from './edge-attributes.ts';
import type { TenantSource, UserSource } from './options.ts';
import type { PreparedOptions } from './prepare-options.ts';

/** The context of one request, and the anonymous id whose cookie the response must set, if any. */
export interface RequestContext {
  readonly context: EvaluationContext;
  readonly anonymous: AnonymousId | undefined;
}

/** Claims and headers become keys only as non-empty strings (numbers are written out): rules compare strings. */
function asKey(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function subdomain(c: Context, domain: string): string | undefined {
  const host = new URL(c.req.url).hostname;
  const suffix = `.${domain}`;
  if (!host.endsWith(suffix)) return undefined;
  const label = host.slice(0, -suffix.length);
  return label.includes('.') ? undefined : label;
}

function fromSource(c: Context, source: TenantSource | UserSource, claims: JWTPayload | undefined): string | undefined {
  switch (source.from) {
    case 'subdomain':
      return subdomain(c, source.domain);
    case 'header':
      return asKey(c.req.raw.headers.get(source.name)?.trim());
    case 'cookie':
      return asKey(getCookie(c, source.name));
    case 'claim':
      return asKey(claims?.[source.claim]);
  }
}

function first(c: Context, sources: readonly (TenantSource | UserSource)[], claims: JWTPayload | undefined): string | undefined {
  for (const source of sources) {
    const value = fromSource(c, source, claims);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** A claim is copied when it is JSON a rule can test: scalars and lists of them. */
function copyable(value: unknown): boolean {
  if (typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number');
}

/**
 * Builds the evaluation context of a request: the app's own attributes, then tenant and user from
 * the configured sources, claims of the verified JWT (verified before, as `claims`), the anonymous
 * id where there is no user, and last the edge attributes, which nothing before them can override.
 *
 * @example const { context, anonymous } = requestContext(c, prepared, await jwt?.read(c));
 */
export function requestContext(c: Context, options: PreparedOptions, claims: JWTPayload | undefined): RequestContext {
  const context: Record<string, unknown> = { ...options.attributes?.(c) };
  const tenant = first(c, options.tenant, claims);
  if (tenant !== undefined) context.tenant = tenant;
  const user = first(c, options.user, claims);
  if (user !== undefined) context.targetingKey = user;
  if (claims !== undefined) {
    for (const [attribute, claim] of options.claims) {
      const value = claims[claim];
      if (copyable(value)) context[attribute] = value;
    }
  }
  let anonymous: AnonymousId | undefined;
  if (asKey(context.targetingKey) === undefined && options.anonymousCookie !== undefined) {
    anonymous = anonymousId(c, options.anonymousCookie);
    context.targetingKey = anonymous.id;
    context.anonymous = true;
  }
  return { context: addEdgeAttributes(context, c.req.raw), anonymous };
}
