import type { EdgeflagEnv } from './env.ts';

/** The Worker's settings, read once per isolate from its vars and secrets. */
export interface EdgeflagConfig {
  readonly cacheTtlSeconds: number;
  readonly serverKeys: readonly string[];
  /** `'*'` for any origin, a list of exact origins, or an empty list for no CORS at all. */
  readonly corsOrigins: '*' | readonly string[];
}

export const DEFAULT_CACHE_TTL_SECONDS = 5;

/** A misconfigured var or secret; its message names each one and the fix, never a secret's value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function list(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function cacheTtl(text: string | undefined, problems: string[]): number {
  if (text === undefined || text.trim() === '') return DEFAULT_CACHE_TTL_SECONDS;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 0) {
    problems.push(`EDGEFLAG_CACHE_TTL_SECONDS is ${JSON.stringify(text)}: set it to a number of seconds >= 0 in wrangler.toml [vars]`);
    return DEFAULT_CACHE_TTL_SECONDS;
  }
  return seconds;
}

function corsOrigins(text: string | undefined, problems: string[]): '*' | string[] {
  const origins = list(text);
  if (origins.includes('*')) return '*';
  for (const origin of origins) {
    // An Origin header is scheme://host[:port] exactly (RFC 6454 §6.1): no path, no trailing slash.
    let serialized: string | undefined;
    try {
      serialized = new URL(origin).origin;
    } catch {
      serialized = undefined;
    }
    if (serialized !== origin) {
      problems.push(
        `EDGEFLAG_CORS_ORIGINS lists ${JSON.stringify(origin)}, which is not an origin: write scheme://host[:port] such as https://app.example.com, or "*"`,
      );
    }
  }
  return origins;
}

/**
 * Reads and checks the Worker's vars and secrets, reporting every problem at once.
 *
 * @example readConfig(env) // { cacheTtlSeconds: 5, serverKeys: ['k1'], corsOrigins: '*' }
 */
export function readConfig(env: EdgeflagEnv): EdgeflagConfig {
  const problems: string[] = [];
  const config: EdgeflagConfig = {
    cacheTtlSeconds: cacheTtl(env.EDGEFLAG_CACHE_TTL_SECONDS, problems),
    serverKeys: list(env.EDGEFLAG_SERVER_KEYS),
    corsOrigins: corsOrigins(env.EDGEFLAG_CORS_ORIGINS, problems),
  };
  if (problems.length > 0) throw new ConfigError(`edgeflag is misconfigured:\n- ${problems.join('\n- ')}`);
  return config;
}
