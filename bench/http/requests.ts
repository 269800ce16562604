import type { AutocannonRequest } from 'autocannon';
import type { BenchContext } from '../engine/workload.ts';

/** How many distinct requests each connection cycles through (distinct contexts and flag keys). */
export const DISTINCT_REQUESTS = 256;

const JSON_HEADERS = { 'content-type': 'application/json' };

/** OFREP single-flag evaluations with a server key, one flag key and context per request. */
export function ofrepSingle(contexts: readonly BenchContext[], keys: readonly string[], serverKey: string): AutocannonRequest[] {
  return contexts.slice(0, DISTINCT_REQUESTS).map((context, index) => ({
    method: 'POST',
    path: `/ofrep/v1/evaluate/flags/${keys[index % keys.length]!}`,
    headers: { ...JSON_HEADERS, authorization: `Bearer ${serverKey}` },
    body: JSON.stringify({ context }),
  }));
}

/** OFREP bulk evaluations of every flag with a server key, without If-None-Match (full answers). */
export function ofrepBulk(contexts: readonly BenchContext[], serverKey: string): AutocannonRequest[] {
  return contexts.slice(0, DISTINCT_REQUESTS).map((context) => ({
    method: 'POST',
    path: '/ofrep/v1/evaluate/flags',
    headers: { ...JSON_HEADERS, authorization: `Bearer ${serverKey}` },
    body: JSON.stringify({ context }),
  }));
}

function unleashContext(context: BenchContext): Record<string, unknown> {
  const { targetingKey, ...properties } = context;
  return { userId: targetingKey, properties };
}

/** @unleash/proxy's POST /proxy: every enabled toggle for a context (its frontend API). */
export function unleashAll(contexts: readonly BenchContext[], clientKey: string): AutocannonRequest[] {
  return contexts.slice(0, DISTINCT_REQUESTS).map((context) => ({
    method: 'POST',
    path: '/proxy',
    headers: { ...JSON_HEADERS, authorization: clientKey },
    body: JSON.stringify({ context: unleashContext(context) }),
  }));
}

/** @unleash/proxy's POST /proxy with `toggles: [key]`: one toggle evaluated for a context. */
export function unleashOne(contexts: readonly BenchContext[], keys: readonly string[], clientKey: string): AutocannonRequest[] {
  return contexts.slice(0, DISTINCT_REQUESTS).map((context, index) => ({
    method: 'POST',
    path: '/proxy',
    headers: { ...JSON_HEADERS, authorization: clientKey },
    body: JSON.stringify({ context: unleashContext(context), toggles: [keys[index % keys.length]!] }),
  }));
}
