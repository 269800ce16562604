import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { EdgeflagEnv } from '../../src/http/env.ts';
import type { EdgeflagService } from '../../src/http/service.ts';
import { createService } from '../../src/http/service.ts';
import type { KvReader, StoreFault } from '../../src/store/index.ts';

/** 2026-07-01T12:00:00Z: the harness clock starts here, an hour after the default publishedAt. */
export const T0 = Date.parse('2026-07-01T12:00:00Z');

export const SERVER_KEY = 'srv-test-key-1';
export const OTHER_SERVER_KEY = 'srv-test-key-2';
export const APP_ORIGIN = 'https://app.example.com';

export interface EdgeflagUnderTest {
  readonly service: EdgeflagService;
  readonly faults: StoreFault[];
  /** The store's clock, epoch ms; tests move it instead of waiting. */
  now: number;
  advanceSeconds(seconds: number): void;
  /** One request through the app, then waits for its `waitUntil` work (a background refresh). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** One request, returning as soon as the response is ready; `settled` resolves after its `waitUntil` work. */
  fetchEarly(path: string, init?: RequestInit): Promise<{ response: Response; settled: Promise<void> }>;
  evaluate(key: string, context?: unknown, headers?: Record<string, string>): Promise<Response>;
  bulk(context?: unknown, headers?: Record<string, string>): Promise<Response>;
  health(): Promise<Response>;
}

/**
 * A fresh isolate's edgeflag over the test's real local KV, with a clock the test controls.
 * Defaults: TTL 5 s, two server keys, CORS for APP_ORIGIN.
 */
export function startEdgeflag(options: { env?: Partial<EdgeflagEnv>; kv?: KvReader } = {}): EdgeflagUnderTest {
  const bindings: EdgeflagEnv = {
    ...env,
    EDGEFLAG_CACHE_TTL_SECONDS: '5',
    EDGEFLAG_CORS_ORIGINS: APP_ORIGIN,
    EDGEFLAG_SERVER_KEYS: `${SERVER_KEY}, ${OTHER_SERVER_KEY}`,
    ...options.env,
  };
  const faults: StoreFault[] = [];
  const edgeflag: EdgeflagUnderTest = {
    faults,
    now: T0,
    service: createService(bindings, {
      clock: () => edgeflag.now,
      onFault: (fault) => faults.push(fault),
      ...(options.kv === undefined ? {} : { kv: options.kv }),
    }),
    advanceSeconds(seconds) {
      edgeflag.now += seconds * 1000;
    },
    async fetchEarly(path, init) {
      const ctx = createExecutionContext();
      const response = await edgeflag.service.app.fetch(new Request(`https://flags.example.com${path}`, init), bindings, ctx);
      return { response, settled: waitOnExecutionContext(ctx) };
    },
    async fetch(path, init) {
      const { response, settled } = await edgeflag.fetchEarly(path, init);
      await settled;
      return response;
    },
    evaluate(key, context, headers = {}) {
      return edgeflag.fetch(`/ofrep/v1/evaluate/flags/${encodeURIComponent(key)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(context === undefined ? {} : { context }),
      });
    },
    bulk(context, headers = {}) {
      return edgeflag.fetch('/ofrep/v1/evaluate/flags', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(context === undefined ? {} : { context }),
      });
    },
    health() {
      return edgeflag.fetch('/_edgeflag/health');
    },
  };
  return edgeflag;
}

export const withServerKey = { Authorization: `Bearer ${SERVER_KEY}` };
