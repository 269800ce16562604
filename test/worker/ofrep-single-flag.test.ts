import { reset } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { startEdgeflag, withServerKey } from './harness.ts';
import { publish } from './kv-snapshots.ts';
import { sampleFlags } from './sample-flags.ts';

beforeEach(async () => {
  await reset();
});

async function published() {
  await publish(sampleFlags, { version: 1 });
  return startEdgeflag();
}

describe('POST /ofrep/v1/evaluate/flags/{key}', () => {
  it('answers a boolean flag with key, value, variant, reason and the flag metadata as JSON', async () => {
    const edgeflag = await published();
    const response = await edgeflag.evaluate('new-checkout', { targetingKey: 'u-1' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      key: 'new-checkout',
      value: true,
      variant: 'on',
      reason: 'TARGETING_MATCH',
      metadata: { owner: 'payments-team' },
    });
  });

  it('serves string, number and object values with their JSON types', async () => {
    const edgeflag = await published();
    const text = await (await edgeflag.evaluate('banner-text', { targetingKey: 'u-2' })).json();
    const count = await (await edgeflag.evaluate('max-items', { targetingKey: 'u-2', plan: 'pro' }, withServerKey)).json();
    const theme = await (await edgeflag.evaluate('theme', { targetingKey: 'u-2' })).json();
    expect(text).toMatchObject({ value: 'Hello there', variant: 'long', reason: 'STATIC' });
    expect(count).toMatchObject({ value: 50.5, variant: 'many', reason: 'TARGETING_MATCH' });
    expect(theme).toMatchObject({ value: { background: '#fff', accent: 'navy' }, variant: 'light', reason: 'STATIC' });
  });

  it('gives reasons DEFAULT, SPLIT and DISABLED as the engine decides them', async () => {
    const edgeflag = await published();
    const fallthrough = await (await edgeflag.evaluate('new-checkout', { targetingKey: 'u-9', tenant: 'other' })).json();
    const split = await (await edgeflag.evaluate('gradual-rollout', { targetingKey: 'u-9' })).json<{ value: unknown }>();
    const disabled = await (await edgeflag.evaluate('legacy-export', { targetingKey: 'u-9' }, withServerKey)).json();
    expect(fallthrough).toMatchObject({ value: false, variant: 'off', reason: 'DEFAULT' });
    expect(split).toMatchObject({ reason: 'SPLIT' });
    expect(typeof split.value).toBe('boolean');
    expect(disabled).toMatchObject({ value: false, variant: 'off', reason: 'DISABLED' });
  });

  it('matches a segment through the tenant in the context', async () => {
    const edgeflag = await published();
    const body = await (await edgeflag.evaluate('new-checkout', { targetingKey: 'u-9', tenant: 'acme-internal' })).json();
    expect(body).toMatchObject({ value: true, reason: 'TARGETING_MATCH', metadata: { rule: 'internal first' } });
  });

  it('uses the store clock for schedules: the holiday sale is off before December and on after', async () => {
    const edgeflag = await published();
    const before = await (await edgeflag.evaluate('holiday-sale', { targetingKey: 'u-1' })).json();
    edgeflag.now = Date.parse('2026-12-01T00:00:00Z');
    const after = await (await edgeflag.evaluate('holiday-sale', { targetingKey: 'u-1' })).json();
    expect(before).toMatchObject({ value: false, reason: 'DISABLED' });
    expect(after).toMatchObject({ value: true, reason: 'STATIC' });
  });

  it('answers an unknown flag with 404 FLAG_NOT_FOUND and the key', async () => {
    const edgeflag = await published();
    const response = await edgeflag.evaluate('no-such-flag', { targetingKey: 'u-1' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      key: 'no-such-flag',
      errorCode: 'FLAG_NOT_FOUND',
      errorDetails: 'flag "no-such-flag" was not found: it is not in snapshot version 1',
    });
  });

  it('answers every flag with 404 FLAG_NOT_FOUND while nothing is published', async () => {
    const edgeflag = startEdgeflag();
    const response = await edgeflag.evaluate('new-checkout', { targetingKey: 'u-1' });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ key: 'new-checkout', errorCode: 'FLAG_NOT_FOUND' });
    expect(response.headers.get('x-edgeflag-version')).toBe('none');
  });

  it('answers a rollout without its bucketing attribute with 400 TARGETING_KEY_MISSING', async () => {
    const edgeflag = await published();
    const response = await edgeflag.evaluate('gradual-rollout', { tenant: 'acme' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ key: 'gradual-rollout', errorCode: 'TARGETING_KEY_MISSING' });
  });

  it('answers malformed JSON with 400 PARSE_ERROR naming the key', async () => {
    const edgeflag = await published();
    const response = await edgeflag.fetch('/ofrep/v1/evaluate/flags/new-checkout', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"context": {"targetingKey": "u-1"',
    });
    expect(response.status).toBe(400);
    const body = await response.json<{ key: string; errorCode: string; errorDetails: string }>();
    expect(body).toMatchObject({ key: 'new-checkout', errorCode: 'PARSE_ERROR' });
    expect(body.errorDetails).toContain('not valid JSON');
  });

  it('answers a body that is JSON but not an object with 400 PARSE_ERROR', async () => {
    const edgeflag = await published();
    const response = await edgeflag.fetch('/ofrep/v1/evaluate/flags/new-checkout', { method: 'POST', body: '[1, 2]' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ key: 'new-checkout', errorCode: 'PARSE_ERROR' });
  });

  it.each([
    ['an array', []],
    ['a string', 'u-1'],
    ['null', null],
  ])('answers a context that is %s with 400 INVALID_CONTEXT', async (_, context) => {
    const edgeflag = await published();
    const response = await edgeflag.fetch('/ofrep/v1/evaluate/flags/new-checkout', {
      method: 'POST',
      body: JSON.stringify({ context }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ key: 'new-checkout', errorCode: 'INVALID_CONTEXT' });
  });

  it('answers a targetingKey that is not a string with 400 INVALID_CONTEXT saying how to send it', async () => {
    const edgeflag = await published();
    const response = await edgeflag.evaluate('new-checkout', { targetingKey: 42 });
    expect(response.status).toBe(400);
    const body = await response.json<{ errorCode: string; errorDetails: string }>();
    expect(body.errorCode).toBe('INVALID_CONTEXT');
    expect(body.errorDetails).toContain('context.targetingKey must be a string');
  });

  it('evaluates with an empty context when the body is empty or has no context', async () => {
    const edgeflag = await published();
    const empty = await edgeflag.fetch('/ofrep/v1/evaluate/flags/banner-text', { method: 'POST' });
    const noContext = await edgeflag.fetch('/ofrep/v1/evaluate/flags/banner-text', { method: 'POST', body: '{"other":1}' });
    expect(empty.status).toBe(200);
    expect(await empty.json()).toMatchObject({ value: 'Hello there' });
    expect(noContext.status).toBe(200);
  });

  it('ignores unknown query parameters', async () => {
    const edgeflag = await published();
    const response = await edgeflag.fetch('/ofrep/v1/evaluate/flags/banner-text?debug=1&flagConfigEtag=x', {
      method: 'POST',
      body: '{"context":{}}',
    });
    expect(response.status).toBe(200);
  });

  it('marks every evaluation private and not storable, errors included', async () => {
    const edgeflag = await published();
    const ok = await edgeflag.evaluate('banner-text', {});
    const missing = await edgeflag.evaluate('nope', {});
    expect(ok.headers.get('cache-control')).toBe('private, no-store');
    expect(missing.headers.get('cache-control')).toBe('private, no-store');
  });

  it('answers GET with 405 and Allow: POST', async () => {
    const edgeflag = await published();
    const response = await edgeflag.fetch('/ofrep/v1/evaluate/flags/new-checkout');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});
