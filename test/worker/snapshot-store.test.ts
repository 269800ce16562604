import { reset } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { KvReader } from '../../src/store/index.ts';
import { POINTER_KEY, versionKey } from '../../src/store/index.ts';
import { startEdgeflag } from './harness.ts';
import { publish } from './kv-snapshots.ts';
import { sampleFlags } from './sample-flags.ts';

beforeEach(async () => {
  await reset();
});

/** The real local KV, recording every key read. */
function countingKv(): { kv: KvReader; reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    kv: {
      get(key, options) {
        reads.push(key);
        return env.EDGEFLAG_KV.get(key, options);
      },
    },
  };
}

function withBanner(variant: 'short' | 'long') {
  const document = structuredClone(sampleFlags);
  document.flags['banner-text']!.defaultVariant = variant;
  return document;
}

describe('snapshot store', () => {
  it('reads the pointer and the version once on the first request, then not again within the TTL', async () => {
    await publish(sampleFlags, { version: 1 });
    const { kv, reads } = countingKv();
    const edgeflag = startEdgeflag({ kv });
    for (let i = 0; i < 5; i++) expect((await edgeflag.evaluate('banner-text', {})).status).toBe(200);
    edgeflag.advanceSeconds(4.999);
    await edgeflag.evaluate('banner-text', {});
    expect(reads).toEqual([POINTER_KEY, versionKey(1)]);
  });

  it('reads only the pointer once the TTL passed and the pointer did not move', async () => {
    await publish(sampleFlags, { version: 1 });
    const { kv, reads } = countingKv();
    const edgeflag = startEdgeflag({ kv });
    await edgeflag.evaluate('banner-text', {});
    edgeflag.advanceSeconds(5);
    await edgeflag.evaluate('banner-text', {});
    await edgeflag.evaluate('banner-text', {});
    expect(reads).toEqual([POINTER_KEY, versionKey(1), POINTER_KEY]);
  });

  it('fetches a new version once when the pointer moves, and serves it from then on', async () => {
    await publish(withBanner('long'), { version: 1 });
    const { kv, reads } = countingKv();
    const edgeflag = startEdgeflag({ kv });
    expect(await (await edgeflag.evaluate('banner-text', {})).json()).toMatchObject({ value: 'Hello there' });
    await publish(withBanner('short'), { version: 2 });
    edgeflag.advanceSeconds(5);
    await edgeflag.evaluate('banner-text', {});
    const after = await edgeflag.evaluate('banner-text', {});
    expect(await after.json()).toMatchObject({ value: 'Hi' });
    expect(after.headers.get('x-edgeflag-version')).toBe('2');
    expect(reads).toEqual([POINTER_KEY, versionKey(1), POINTER_KEY, versionKey(2)]);
  });

  it('follows the pointer back to an older version (a rollback)', async () => {
    await publish(withBanner('long'), { version: 1 });
    const edgeflag = startEdgeflag();
    await publish(withBanner('short'), { version: 2 });
    await edgeflag.evaluate('banner-text', {});
    await publish(withBanner('long'), { version: 1 });
    edgeflag.advanceSeconds(5);
    await edgeflag.evaluate('banner-text', {});
    const response = await edgeflag.evaluate('banner-text', {});
    expect(response.headers.get('x-edgeflag-version')).toBe('1');
    expect(await response.json()).toMatchObject({ value: 'Hello there' });
  });

  it('lets concurrent first requests share one load', async () => {
    await publish(sampleFlags, { version: 1 });
    const { kv, reads } = countingKv();
    const edgeflag = startEdgeflag({ kv });
    const responses = await Promise.all(Array.from({ length: 8 }, () => edgeflag.evaluate('banner-text', {})));
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(200));
    expect(reads).toEqual([POINTER_KEY, versionKey(1)]);
  });

  it('answers from the current snapshot while a due refresh is still waiting for KV', async () => {
    await publish(withBanner('long'), { version: 1 });
    let release: () => void = () => {};
    let gate: Promise<void> | undefined;
    const kv: KvReader = {
      async get(key, options) {
        if (gate !== undefined) await gate;
        return env.EDGEFLAG_KV.get(key, options);
      },
    };
    const edgeflag = startEdgeflag({ kv });
    await edgeflag.evaluate('banner-text', {});
    await publish(withBanner('short'), { version: 2 });
    gate = new Promise((resolve) => (release = resolve));
    edgeflag.advanceSeconds(5);

    const { response, settled } = await edgeflag.fetchEarly('/ofrep/v1/evaluate/flags/banner-text', { method: 'POST', body: '{}' });
    const during = await edgeflag.fetchEarly('/ofrep/v1/evaluate/flags/banner-text', { method: 'POST', body: '{}' });
    expect(response.headers.get('x-edgeflag-version')).toBe('1');
    expect(await response.json()).toMatchObject({ value: 'Hello there' });
    expect(during.response.headers.get('x-edgeflag-version')).toBe('1');

    release();
    await settled;
    await during.settled;
    const after = await edgeflag.evaluate('banner-text', {});
    expect(after.headers.get('x-edgeflag-version')).toBe('2');
  });

  it('reads the pointer on every request when the TTL is 0', async () => {
    await publish(sampleFlags, { version: 1 });
    const { kv, reads } = countingKv();
    const edgeflag = startEdgeflag({ kv, env: { EDGEFLAG_CACHE_TTL_SECONDS: '0' } });
    await edgeflag.evaluate('banner-text', {});
    await edgeflag.evaluate('banner-text', {});
    await edgeflag.evaluate('banner-text', {});
    expect(reads).toEqual([POINTER_KEY, versionKey(1), POINTER_KEY, POINTER_KEY]);
  });

  it('waits for KV again only after the TTL while nothing is published', async () => {
    const { kv, reads } = countingKv();
    const edgeflag = startEdgeflag({ kv });
    await edgeflag.evaluate('banner-text', {});
    await edgeflag.evaluate('banner-text', {});
    await publish(sampleFlags, { version: 1 });
    expect((await edgeflag.evaluate('banner-text', {})).status).toBe(404);
    edgeflag.advanceSeconds(5);
    expect((await edgeflag.evaluate('banner-text', {})).status).toBe(200);
    expect(reads).toEqual([POINTER_KEY, POINTER_KEY, versionKey(1)]);
  });

  it('refuses a TTL that is not a number of seconds, naming the var and the fix', () => {
    expect(() => startEdgeflag({ env: { EDGEFLAG_CACHE_TTL_SECONDS: 'five' } })).toThrow(
      'EDGEFLAG_CACHE_TTL_SECONDS is "five": set it to a number of seconds >= 0 in wrangler.toml [vars]',
    );
  });
});
