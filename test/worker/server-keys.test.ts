import { reset } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { OTHER_SERVER_KEY, SERVER_KEY, startEdgeflag } from './harness.ts';
import { publish } from './kv-snapshots.ts';
import { sampleFlags } from './sample-flags.ts';

beforeEach(async () => {
  await reset();
  await publish(sampleFlags, { version: 1 });
});

describe('server keys', () => {
  it('serves a client flag to anyone without a key', async () => {
    const response = await startEdgeflag().evaluate('new-checkout', { targetingKey: 'u-1' });
    expect(response.status).toBe(200);
  });

  it('answers a server-only flag without a key with 401, a Bearer challenge and an OFREP body', async () => {
    const response = await startEdgeflag().evaluate('max-items', { targetingKey: 'u-1' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="edgeflag"');
    const body = await response.json<{ key: string; errorCode: string; errorDetails: string }>();
    expect(body).toMatchObject({ key: 'max-items', errorCode: 'GENERAL' });
    expect(body.errorDetails).toContain('Authorization: Bearer');
  });

  it.each([
    ['Authorization: Bearer', { Authorization: `Bearer ${SERVER_KEY}` }],
    ['a lowercase bearer scheme', { Authorization: `bearer ${SERVER_KEY}` }],
    ['X-API-Key', { 'X-API-Key': SERVER_KEY }],
    ['the second configured key', { 'X-API-Key': OTHER_SERVER_KEY }],
  ])('serves a server-only flag to a key sent with %s', async (_, headers) => {
    const response = await startEdgeflag().evaluate('max-items', { targetingKey: 'u-1' }, headers);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ key: 'max-items', value: 10 });
  });

  it('answers a wrong key with 403, on client flags too, and never echoes the key', async () => {
    const edgeflag = startEdgeflag();
    const serverFlag = await edgeflag.evaluate('max-items', {}, { Authorization: 'Bearer wrong-key-123' });
    const clientFlag = await edgeflag.evaluate('new-checkout', {}, { 'X-API-Key': 'wrong-key-123' });
    expect(serverFlag.status).toBe(403);
    expect(clientFlag.status).toBe(403);
    const text = await serverFlag.text();
    expect(JSON.parse(text)).toMatchObject({ key: 'max-items', errorCode: 'GENERAL' });
    expect(text).not.toContain('wrong-key-123');
    expect(text).not.toContain(SERVER_KEY);
  });

  it('refuses a key that is only a prefix or an extension of a real one', async () => {
    const edgeflag = startEdgeflag();
    const prefix = await edgeflag.evaluate('max-items', {}, { 'X-API-Key': SERVER_KEY.slice(0, -1) });
    const longer = await edgeflag.evaluate('max-items', {}, { 'X-API-Key': `${SERVER_KEY}x` });
    expect(prefix.status).toBe(403);
    expect(longer.status).toBe(403);
  });

  it('answers a bulk request with a wrong key with 403 instead of quietly dropping to client flags', async () => {
    const response = await startEdgeflag().bulk({ targetingKey: 'u-1' }, { Authorization: 'Bearer nope' });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ errorCode: 'GENERAL' });
  });

  it('ignores an Authorization header of another scheme (a proxy login) and serves as public', async () => {
    const response = await startEdgeflag().bulk({ targetingKey: 'u-1' }, { Authorization: 'Basic dXNlcjpwYXNz' });
    expect(response.status).toBe(200);
  });

  it('refuses every key when EDGEFLAG_SERVER_KEYS is not set, and still serves client flags', async () => {
    const edgeflag = startEdgeflag({ env: { EDGEFLAG_SERVER_KEYS: undefined } });
    expect((await edgeflag.evaluate('max-items', {}, { 'X-API-Key': SERVER_KEY })).status).toBe(403);
    expect((await edgeflag.evaluate('max-items', {})).status).toBe(401);
    expect((await edgeflag.evaluate('new-checkout', {})).status).toBe(200);
  });

  it('trims spaces around keys in EDGEFLAG_SERVER_KEYS and skips empty entries', async () => {
    const edgeflag = startEdgeflag({ env: { EDGEFLAG_SERVER_KEYS: ' ,alpha-key ,, beta-key, ' } });
    expect((await edgeflag.evaluate('max-items', {}, { 'X-API-Key': 'beta-key' })).status).toBe(200);
    expect((await edgeflag.evaluate('max-items', {}, { 'X-API-Key': 'alpha-key' })).status).toBe(200);
    expect((await edgeflag.evaluate('max-items', {}, { 'X-API-Key': ' ' })).status).toBe(401);
  });
});
