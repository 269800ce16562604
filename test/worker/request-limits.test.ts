import { reset } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, MAX_CONTEXT_DEPTH, MAX_CONTEXT_ENTRIES } from '../../src/http/limits.ts';
import { startEdgeflag, withServerKey } from './harness.ts';
import { publish } from './kv-snapshots.ts';
import { sampleFlags } from './sample-flags.ts';

beforeEach(async () => {
  await reset();
  await publish(sampleFlags, { version: 1 });
});

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let level = 1; level < depth; level++) value = { inner: value };
  return value;
}

function streamOf(text: string, chunkSize: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

describe('request limits', () => {
  it('refuses a body whose Content-Length is over the limit with 413 and an OFREP error body', async () => {
    const padding = 'x'.repeat(MAX_BODY_BYTES);
    const response = await startEdgeflag().fetch('/ofrep/v1/evaluate/flags/new-checkout', {
      method: 'POST',
      body: JSON.stringify({ context: { targetingKey: 'u-1', padding } }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ key: 'new-checkout', errorCode: 'INVALID_CONTEXT' });
  });

  it('refuses an oversized body sent in chunks without a Content-Length, counting what it reads', async () => {
    const text = JSON.stringify({ context: { targetingKey: 'u-1', padding: 'y'.repeat(MAX_BODY_BYTES) } });
    const request = new Request('https://flags.example.com/ofrep/v1/evaluate/flags', { method: 'POST', body: streamOf(text, 4096) });
    expect(request.headers.get('content-length')).toBeNull();
    const edgeflag = startEdgeflag();
    const response = await edgeflag.fetch('/ofrep/v1/evaluate/flags', { method: 'POST', body: request.body });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ errorCode: 'INVALID_CONTEXT' });
  });

  it('reads a body sent in small chunks that fits', async () => {
    const text = JSON.stringify({ context: { targetingKey: 'u-1' } });
    const response = await startEdgeflag().fetch('/ofrep/v1/evaluate/flags/new-checkout', { method: 'POST', body: streamOf(text, 3) });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ value: true });
  });

  it(`accepts a context nested ${MAX_CONTEXT_DEPTH} levels deep and refuses one level more with 400 INVALID_CONTEXT`, async () => {
    const edgeflag = startEdgeflag();
    const deepest = await edgeflag.evaluate('new-checkout', { targetingKey: 'u-1', a: nested(MAX_CONTEXT_DEPTH - 1) });
    const tooDeep = await edgeflag.evaluate('new-checkout', { targetingKey: 'u-1', a: nested(MAX_CONTEXT_DEPTH) });
    expect(deepest.status).toBe(200);
    expect(tooDeep.status).toBe(400);
    const body = await tooDeep.json<{ errorCode: string; errorDetails: string }>();
    expect(body.errorCode).toBe('INVALID_CONTEXT');
    expect(body.errorDetails).toContain(`deeper than ${MAX_CONTEXT_DEPTH} levels`);
  });

  it('refuses deeply nested arrays in a bulk request with 400 INVALID_CONTEXT', async () => {
    const body = `{"context":{"targetingKey":"u-1","list":${'['.repeat(5000)}${']'.repeat(5000)}}}`;
    const response = await startEdgeflag().fetch('/ofrep/v1/evaluate/flags', { method: 'POST', body });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errorCode: 'INVALID_CONTEXT' });
  });

  it(`refuses a context with more than ${MAX_CONTEXT_ENTRIES} attributes and list items`, async () => {
    const many = Object.fromEntries(Array.from({ length: MAX_CONTEXT_ENTRIES }, (_, i) => [`attr${i}`, i]));
    const response = await startEdgeflag().evaluate('new-checkout', { targetingKey: 'u-1', ...many });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errorCode: 'INVALID_CONTEXT' });
  });

  it('answers bytes that are not UTF-8 outside a JSON string with 400 PARSE_ERROR', async () => {
    const response = await startEdgeflag().fetch('/ofrep/v1/evaluate/flags/new-checkout', {
      method: 'POST',
      body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errorCode: 'PARSE_ERROR' });
  });

  it('reads bytes that are not UTF-8 inside a JSON string as U+FFFD, as Request.text() does', async () => {
    // Only a target on the replaced key tells a U+FFFD reading apart from one that drops or keeps the byte.
    const newCheckout = { ...sampleFlags.flags['new-checkout']!, targets: { on: { users: ['u\uFFFD'] } } };
    await publish({ ...sampleFlags, flags: { ...sampleFlags.flags, 'new-checkout': newCheckout } }, { version: 2 });
    const edgeflag = startEdgeflag();
    const body = (key: Uint8Array) => new Uint8Array([...new TextEncoder().encode('{"context":{"targetingKey":"'), ...key, ...new TextEncoder().encode('"}}')]);
    const invalid = await edgeflag.fetch('/ofrep/v1/evaluate/flags/new-checkout', { method: 'POST', body: body(new Uint8Array([0x75, 0xff])) });
    const replaced = await edgeflag.fetch('/ofrep/v1/evaluate/flags/new-checkout', { method: 'POST', body: body(new TextEncoder().encode('u\uFFFD')) });
    expect(invalid.status).toBe(200);
    const answer = await replaced.json();
    expect(answer).toMatchObject({ variant: 'on', reason: 'TARGETING_MATCH' });
    expect(await invalid.json()).toEqual(answer);
  });
});

describe('__proto__ and other inherited names in a context', () => {
  const attack = '{"context":{"targetingKey":"u-9","__proto__":{"plan":"pro","polluted":true},"constructor":{"prototype":{"polluted":true}}}}';

  it('does not let a __proto__ key supply an attribute a rule targets', async () => {
    const response = await startEdgeflag().fetch('/ofrep/v1/evaluate/flags/max-items', {
      method: 'POST',
      headers: withServerKey,
      body: attack,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ value: 10, reason: 'DEFAULT' });
  });

  it('pollutes no prototype when evaluating, bulk-evaluating and hashing such a context', async () => {
    const edgeflag = startEdgeflag();
    const single = await edgeflag.fetch('/ofrep/v1/evaluate/flags/new-checkout', { method: 'POST', body: attack });
    const bulk = await edgeflag.fetch('/ofrep/v1/evaluate/flags', { method: 'POST', body: attack, headers: withServerKey });
    expect(single.status).toBe(200);
    expect(bulk.status).toBe(200);
    expect(bulk.headers.get('etag')).toMatch(/^"1-/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).plan).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('gives contexts that differ only in a __proto__ key different ETags', async () => {
    const edgeflag = startEdgeflag();
    const plain = await edgeflag.fetch('/ofrep/v1/evaluate/flags', { method: 'POST', body: '{"context":{"targetingKey":"u-9"}}' });
    const withProto = await edgeflag.fetch('/ofrep/v1/evaluate/flags', {
      method: 'POST',
      body: '{"context":{"targetingKey":"u-9","__proto__":{"x":1}}}',
    });
    expect(withProto.headers.get('etag')).not.toBe(plain.headers.get('etag'));
  });
});
