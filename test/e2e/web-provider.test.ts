// The official browser-side OpenFeature stack (@openfeature/web-sdk + @openfeature/ofrep-web-provider),
// run in Node, against the Worker in `wrangler dev`: bulk evaluation, polling with ETags, context changes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OFREPWebProvider } from '@openfeature/ofrep-web-provider';
import type { Client } from '@openfeature/web-sdk';
import { OpenFeature } from '@openfeature/web-sdk';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { publishFixture } from './edgeflag-cli.ts';
import type { Exchange } from './recording-fetch.ts';
import { recordingFetch } from './recording-fetch.ts';
import type { RunningWorker } from './wrangler-dev.ts';
import { startWorker } from './wrangler-dev.ts';

const POLL_INTERVAL_MS = 250;

describe('@openfeature/web-sdk with the OFREP web provider against wrangler dev', { timeout: 60_000 }, () => {
  let persistTo: string;
  let worker: RunningWorker;
  let client: Client;
  let exchanges: Exchange[];

  beforeAll(async () => {
    persistTo = await mkdtemp(join(tmpdir(), 'edgeflag-e2e-web-'));
    await publishFixture('flags-v1', persistTo);
    worker = await startWorker({ persistTo });
    const recorder = recordingFetch();
    exchanges = recorder.exchanges;
    const provider = new OFREPWebProvider({
      baseUrl: worker.baseUrl,
      pollInterval: POLL_INTERVAL_MS,
      cacheMode: 'disabled',
      fetchImplementation: recorder.fetch,
    });
    await OpenFeature.setProviderAndWait(provider, { targetingKey: 'u-1' });
    client = OpenFeature.getClient();
  }, 90_000);

  afterAll(async () => {
    await OpenFeature.close();
    await worker?.stop();
    await rm(persistTo, { recursive: true, force: true });
  });

  it('answers an unchanged poll with 304 to the ETag it sent, then picks up a publish', async () => {
    expect(client.getStringValue('banner-text', 'fallback')).toBe('Welcome');
    await vi.waitFor(() => expect(exchanges.some((exchange) => exchange.ifNoneMatch !== null && exchange.status === 304)).toBe(true), {
      timeout: 10_000,
      interval: 100,
    });
    const firstEtag = exchanges.find((exchange) => exchange.status === 200)?.etag;
    expect(firstEtag).toMatch(/^(W\/)?"/);
    const beforePublish = exchanges.length;

    await publishFixture('flags-v2', persistTo);

    await vi.waitFor(() => expect(client.getStringValue('banner-text', 'fallback')).toBe('Welcome back'), { timeout: 20_000, interval: 100 });
    const change = exchanges.slice(beforePublish).find((exchange) => exchange.status === 200);
    expect(change?.ifNoneMatch).toBe(firstEtag);
    expect(change?.etag).not.toBe(firstEtag);
  });

  it('answers a context change that keeps the targetingKey afresh, never with a stale 304', async () => {
    expect(client.getBooleanValue('new-checkout', true)).toBe(false);
    const beforeChange = exchanges.length;

    // The provider keeps its ETag when targetingKey stays the same, so the Worker's ETag must
    // cover the context: a 304 here would leave the old value in place.
    await OpenFeature.setContext({ targetingKey: 'u-1', tenant: 'acme-internal' });

    expect(client.getBooleanDetails('new-checkout', false)).toMatchObject({ value: true, reason: 'TARGETING_MATCH' });
    const conditional = exchanges.slice(beforeChange).find((exchange) => exchange.body.includes('acme-internal'));
    expect(conditional?.ifNoneMatch).not.toBeNull();
    expect(conditional?.status).toBe(200);

    await OpenFeature.setContext({ targetingKey: 'u-1' });
    expect(client.getBooleanDetails('new-checkout', true)).toMatchObject({ value: false, reason: 'DEFAULT' });
  });
});
