import { reset } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { startEdgeflag } from './harness.ts';
import { publish } from './kv-snapshots.ts';
import { sampleFlags } from './sample-flags.ts';

beforeEach(async () => {
  await reset();
  await publish(sampleFlags, { version: 1 });
});

function post(context: unknown = { targetingKey: 'u-1' }): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ context }) };
}

describe('which requests OFREP evaluates', () => {
  it('ignores a query string on both endpoints', async () => {
    const edgeflag = startEdgeflag();
    const single = await edgeflag.fetch('/ofrep/v1/evaluate/flags/new-checkout?cache=0', post());
    const bulk = await edgeflag.fetch('/ofrep/v1/evaluate/flags?cache=0', post());
    expect(single.status).toBe(200);
    expect(await single.json()).toMatchObject({ key: 'new-checkout', value: true });
    expect(bulk.status).toBe(200);
    const { flags } = (await bulk.json()) as { flags: { key: string }[] };
    expect(flags.map((flag) => flag.key)).toContain('new-checkout');
  });

  it('reads a percent-encoded flag key as the key, and names an undecodable one as sent', async () => {
    const edgeflag = startEdgeflag();
    const encoded = await edgeflag.fetch('/ofrep/v1/evaluate/flags/new%2Dcheckout', post());
    expect(encoded.status).toBe(200);
    expect(await encoded.json()).toMatchObject({ key: 'new-checkout', value: true });
    const broken = await edgeflag.fetch('/ofrep/v1/evaluate/flags/new%E0%A4checkout', post());
    expect(broken.status).toBe(404);
    expect(await broken.json()).toMatchObject({ key: 'new%E0%A4checkout', errorCode: 'FLAG_NOT_FOUND' });
  });

  it.each([
    ['an empty key', '/ofrep/v1/evaluate/flags/'],
    ['a key with a slash', '/ofrep/v1/evaluate/flags/new-checkout/extra'],
    ['a longer path', '/ofrep/v1/evaluate/flagsets'],
  ])('answers a POST to %s with 404 GENERAL, as any path edgeflag does not serve', async (_, path) => {
    const response = await startEdgeflag().fetch(path, post());
    expect(response.status).toBe(404);
    expect(response.headers.get('x-edgeflag-version')).toBe('1');
    expect(await response.json()).toEqual({ errorCode: 'GENERAL', errorDetails: `edgeflag serves nothing at POST ${path}` });
  });
});
