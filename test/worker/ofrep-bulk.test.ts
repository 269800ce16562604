import { reset } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { startEdgeflag, withServerKey } from './harness.ts';
import { publish } from './kv-snapshots.ts';
import { sampleAllFlags, sampleClientFlags, sampleFlags } from './sample-flags.ts';

interface BulkBody {
  flags: { key: string; value?: unknown; variant?: string; reason?: string; errorCode?: string; errorDetails?: string }[];
}

beforeEach(async () => {
  await reset();
});

async function published() {
  await publish(sampleFlags, { version: 1 });
  return startEdgeflag();
}

describe('POST /ofrep/v1/evaluate/flags', () => {
  it('returns only client flags to a caller without a server key', async () => {
    const edgeflag = await published();
    const response = await edgeflag.bulk({ targetingKey: 'u-1' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await response.json<BulkBody>();
    expect(body.flags.map((flag) => flag.key)).toEqual(sampleClientFlags);
  });

  it('returns every flag to a caller with a server key', async () => {
    const edgeflag = await published();
    const body = await (await edgeflag.bulk({ targetingKey: 'u-1', plan: 'pro' }, withServerKey)).json<BulkBody>();
    expect(body.flags.map((flag) => flag.key)).toEqual(sampleAllFlags);
    expect(body.flags.find((flag) => flag.key === 'max-items')).toEqual({
      key: 'max-items',
      value: 50.5,
      variant: 'many',
      reason: 'TARGETING_MATCH',
      metadata: { rule: 'pro plan' },
    });
  });

  it('gives each flag a success entry with its value, or an error entry with errorCode and no value', async () => {
    const edgeflag = await published();
    // The web provider sends an empty context before it knows the user.
    const body = await (await edgeflag.bulk({})).json<BulkBody>();
    const rollout = body.flags.find((flag) => flag.key === 'gradual-rollout');
    expect(rollout).toEqual({
      key: 'gradual-rollout',
      errorCode: 'TARGETING_KEY_MISSING',
      errorDetails: 'rule "half" of flag "gradual-rollout" rolls out by "targetingKey", which the context does not have',
      metadata: { rule: 'half' },
    });
    for (const flag of body.flags.filter((entry) => entry.errorCode === undefined)) expect(flag).toHaveProperty('value');
  });

  it('answers an empty list with an ETag while nothing is published', async () => {
    const edgeflag = startEdgeflag();
    const response = await edgeflag.bulk({ targetingKey: 'u-1' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ flags: [] });
    expect(response.headers.get('etag')).toMatch(/^"none-[0-9a-f]{32}"$/);
  });

  it('answers malformed JSON with 400 PARSE_ERROR without a key', async () => {
    const edgeflag = await published();
    const response = await edgeflag.fetch('/ofrep/v1/evaluate/flags', { method: 'POST', body: '{"context":' });
    expect(response.status).toBe(400);
    const body = await response.json<Record<string, unknown>>();
    expect(body).toMatchObject({ errorCode: 'PARSE_ERROR' });
    expect(body).not.toHaveProperty('key');
  });

  it('answers a context that is not an object with 400 INVALID_CONTEXT', async () => {
    const edgeflag = await published();
    const response = await edgeflag.fetch('/ofrep/v1/evaluate/flags', { method: 'POST', body: '{"context":"u-1"}' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errorCode: 'INVALID_CONTEXT' });
  });

  it('answers GET with 405', async () => {
    const edgeflag = await published();
    const response = await edgeflag.fetch('/ofrep/v1/evaluate/flags');
    expect(response.status).toBe(405);
  });
});

describe('bulk ETag and If-None-Match', () => {
  async function etagFor(edgeflag: Awaited<ReturnType<typeof published>>, context: unknown, headers: Record<string, string> = {}) {
    const response = await edgeflag.bulk(context, headers);
    expect(response.status).toBe(200);
    return response.headers.get('etag')!;
  }

  it('sends a strong ETag naming the snapshot version', async () => {
    const edgeflag = await published();
    expect(await etagFor(edgeflag, { targetingKey: 'u-1' })).toMatch(/^"1-[0-9a-f]{32}"$/);
  });

  it('answers a matching If-None-Match with 304, no body, and the same ETag and headers', async () => {
    const edgeflag = await published();
    const etag = await etagFor(edgeflag, { targetingKey: 'u-1' });
    const response = await edgeflag.bulk({ targetingKey: 'u-1' }, { 'If-None-Match': etag });
    expect(response.status).toBe(304);
    expect(await response.text()).toBe('');
    expect(response.headers.get('etag')).toBe(etag);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('x-edgeflag-version')).toBe('1');
  });

  it.each([
    ['a weak copy of the tag (W/, as a compressing proxy sends it)', (etag: string) => `W/${etag}`],
    ['a list holding the tag', (etag: string) => `"0-stale", ${etag}`],
    ['a list without spaces', (etag: string) => `W/"0-a",${etag},"0-b"`],
    ['*', () => '*'],
  ])('answers If-None-Match with %s by 304', async (_, header) => {
    const edgeflag = await published();
    const etag = await etagFor(edgeflag, { targetingKey: 'u-1' });
    const response = await edgeflag.bulk({ targetingKey: 'u-1' }, { 'If-None-Match': header(etag) });
    expect(response.status).toBe(304);
  });

  it.each([
    ['another tag', () => '"1-00000000000000000000000000000000"'],
    ['the tag without its quotes', (etag: string) => etag.slice(1, -1)],
    ['an unterminated tag', (etag: string) => etag.slice(0, -1)],
    ['a tag with a comma inside that only contains ours', (etag: string) => `"x,${etag.slice(1)}`],
  ])('answers If-None-Match with %s by a full 200', async (_, header) => {
    const edgeflag = await published();
    const etag = await etagFor(edgeflag, { targetingKey: 'u-1' });
    const response = await edgeflag.bulk({ targetingKey: 'u-1' }, { 'If-None-Match': header(etag) });
    expect(response.status).toBe(200);
    expect((await response.json<BulkBody>()).flags.length).toBeGreaterThan(0);
  });

  it('changes the ETag when the context changes, even with the same targetingKey', async () => {
    const edgeflag = await published();
    const before = await etagFor(edgeflag, { targetingKey: 'u-1', tenant: 'acme' });
    const after = await etagFor(edgeflag, { targetingKey: 'u-1', tenant: 'acme-internal' });
    expect(after).not.toBe(before);
    const stale = await edgeflag.bulk({ targetingKey: 'u-1', tenant: 'acme-internal' }, { 'If-None-Match': before });
    expect(stale.status).toBe(200);
  });

  it('keeps the ETag when only the order of context keys changes', async () => {
    const edgeflag = await published();
    const one = await etagFor(edgeflag, { targetingKey: 'u-1', tenant: 'acme', app: { version: '2.3.0', build: 7 } });
    const two = await etagFor(edgeflag, { app: { build: 7, version: '2.3.0' }, tenant: 'acme', targetingKey: 'u-1' });
    expect(two).toBe(one);
  });

  it('changes the ETag when a new version is published', async () => {
    const edgeflag = await published();
    const before = await etagFor(edgeflag, { targetingKey: 'u-1' });
    const changed = structuredClone(sampleFlags);
    changed.flags['banner-text']!.defaultVariant = 'short';
    await publish(changed, { version: 2 });
    edgeflag.advanceSeconds(5);
    await edgeflag.bulk({ targetingKey: 'u-1' }); // this one is served from version 1 while version 2 loads
    const response = await edgeflag.bulk({ targetingKey: 'u-1' }, { 'If-None-Match': before });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^"2-/);
    const banner = (await response.json<BulkBody>()).flags.find((flag) => flag.key === 'banner-text');
    expect(banner?.value).toBe('Hi');
  });

  it('gives a server-key caller and a public caller different ETags for the same context', async () => {
    const edgeflag = await published();
    const publicTag = await etagFor(edgeflag, { targetingKey: 'u-1' });
    const serverTag = await etagFor(edgeflag, { targetingKey: 'u-1' }, withServerKey);
    expect(serverTag).not.toBe(publicTag);
    const response = await edgeflag.bulk({ targetingKey: 'u-1' }, { ...withServerKey, 'If-None-Match': publicTag });
    expect(response.status).toBe(200);
  });

  it('changes the ETag when a schedule opens, although the version did not change', async () => {
    const edgeflag = await published();
    const before = await etagFor(edgeflag, { targetingKey: 'u-1' });
    edgeflag.now = Date.parse('2026-12-01T00:00:00Z');
    const response = await edgeflag.bulk({ targetingKey: 'u-1' }, { 'If-None-Match': before });
    expect(response.status).toBe(200);
    const sale = (await response.json<BulkBody>()).flags.find((flag) => flag.key === 'holiday-sale');
    expect(sale).toMatchObject({ value: true });
  });
});
