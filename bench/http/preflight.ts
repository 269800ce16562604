import type { LoadCase } from './load.ts';

export interface Expectation {
  readonly loadCase: LoadCase;
  /** Checks one parsed 200 body; returns what is wrong, or undefined. */
  readonly check: (body: unknown) => string | undefined;
}

/**
 * Sends each case's first requests once and checks the answers before anything is timed: a case
 * that answers 401 or an empty list would be fast for the wrong reason.
 */
export async function preflight(expectations: readonly Expectation[]): Promise<void> {
  const problems: string[] = [];
  for (const { loadCase, check } of expectations) {
    for (const request of loadCase.requests.slice(0, 3)) {
      const response = await fetch(loadCase.url + (request.path ?? '/'), {
        method: request.method ?? 'GET',
        headers: request.headers ?? {},
        body: request.body ?? null,
      });
      const text = await response.text();
      if (response.status !== 200) {
        problems.push(`${loadCase.name}: ${request.path} answered ${response.status}: ${text.slice(0, 200)}`);
        continue;
      }
      const wrong = check(JSON.parse(text) as unknown);
      if (wrong !== undefined) problems.push(`${loadCase.name}: ${request.path}: ${wrong}`);
    }
  }
  if (problems.length > 0) throw new Error(`bench:http preflight failed, nothing was timed:\n- ${problems.join('\n- ')}`);
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** An OFREP single-flag success: a boolean value and a reason. */
export function isOfrepBoolean(body: unknown): string | undefined {
  const result = record(body);
  return typeof result?.value === 'boolean' && typeof result.reason === 'string' ? undefined : `not an OFREP boolean result: ${JSON.stringify(body).slice(0, 200)}`;
}

/** An OFREP bulk success holding `count` evaluated flags, none of them an error. */
export function isOfrepBulk(count: number): (body: unknown) => string | undefined {
  return (body) => {
    const flags = record(body)?.flags;
    if (!Array.isArray(flags)) return 'no flags array';
    if (flags.length !== count) return `${flags.length} flags instead of ${count}`;
    const failed = flags.filter((flag) => record(flag)?.errorCode !== undefined).length;
    return failed === 0 ? undefined : `${failed} flags answered with an errorCode`;
  };
}

/** @unleash/proxy's answer: a toggles array (only enabled toggles, so its length varies). */
export function isUnleashToggles(body: unknown): string | undefined {
  return Array.isArray(record(body)?.toggles) ? undefined : 'no toggles array';
}

/** The floor's fixed JSON. */
export function isFloor(body: unknown): string | undefined {
  return record(body)?.key === 'floor' ? undefined : 'not the floor body';
}
