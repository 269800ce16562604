import { describe, expect, it } from 'vitest';
import { canonicalString } from '../../src/crypto/canonical-string.ts';
import { createRequestSigner } from '../../src/crypto/sign-request.ts';
import { parseSignatureHeader } from '../../src/crypto/signature-header.ts';
import { edgeflagVerifier, verifyEdgeflag } from '../../src/crypto/verify.ts';

const SECRET = 'test-signing-secret-0123456789abcdef';
const OTHER_SECRET = 'another-signing-secret-0123456789abc';
const T = 1_767_268_800; // 2026-01-01T12:00:00Z

const parts = { timestamp: T, version: 12, method: 'GET', host: 'app.example.com', path: '/cart', flags: 'new-checkout=on, theme=dark' };

/** A request as the origin receives it from the edge, signed with `secret` at `timestamp`. */
async function signedRequest(options: { secret?: string; timestamp?: number; path?: string; flags?: string } = {}): Promise<Request> {
  const flags = options.flags ?? parts.flags;
  const signature = await createRequestSigner(options.secret ?? SECRET).sign({ ...parts, flags, timestamp: options.timestamp ?? T, path: options.path ?? parts.path });
  return new Request(`https://app.example.com${options.path ?? parts.path}`, { headers: { 'x-edgeflag': flags, 'x-edgeflag-signature': signature } });
}

const at = (seconds: number) => () => seconds * 1000;

describe('the canonical string a signature covers', () => {
  it('is the scheme, timestamp, version, method, host, path and flag header, one per line', () => {
    expect(canonicalString(parts)).toBe('edgeflag-signature-v1\n1767268800\n12\nGET\napp.example.com\n/cart\nnew-checkout=on, theme=dark');
  });

  it('uppercases the method, lowercases the host and leaves the query out', () => {
    expect(canonicalString({ ...parts, method: 'post', host: 'App.Example.COM', path: '/cart?utm=1' })).toBe(canonicalString({ ...parts, method: 'POST' }));
  });

  it('keeps percent-encoding in the path as it was sent', () => {
    expect(canonicalString({ ...parts, path: '/a%2Fb' })).toContain('\n/a%2Fb\n');
  });
});

describe('the x-edgeflag-signature header', () => {
  it('is an RFC 9651 dictionary of timestamp, version and a 32-byte sf-binary', async () => {
    const header = await createRequestSigner(SECRET).sign(parts);
    expect(header).toMatch(/^t=1767268800, v=12, sig=:[A-Za-z0-9+/]{43}=:$/);
    expect(parseSignatureHeader(header)).toMatchObject({ timestamp: T, version: 12 });
  });

  it('is the HMAC-SHA256 of the canonical string under the secret', async () => {
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(canonicalString(parts))));
    expect(parseSignatureHeader(await createRequestSigner(SECRET).sign(parts))?.signature).toEqual(mac);
  });

  it('refuses a secret shorter than 32 bytes when the signer is built', () => {
    expect(() => createRequestSigner('short')).toThrow(/at least|shorter than 32 bytes/);
  });
});

describe('edgeflag/verify', () => {
  const verify = edgeflagVerifier({ secret: SECRET, now: at(T + 10) });

  it('accepts a request signed by the edge and returns its flags, version and timestamp', async () => {
    const result = await verify(await signedRequest());
    expect(result).toEqual({ ok: true, flags: expect.objectContaining({ 'new-checkout': 'on', theme: 'dark' }), version: 12, timestamp: T });
  });

  it('rejects a changed flag header', async () => {
    const request = await signedRequest();
    request.headers.set('x-edgeflag', 'new-checkout=off, theme=dark');
    expect(await verify(request)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('rejects a signature made with another secret', async () => {
    expect(await verify(await signedRequest({ secret: OTHER_SECRET }))).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('rejects the headers of one path replayed on another', async () => {
    const signed = await signedRequest({ path: '/cart' });
    const replayed = new Request('https://app.example.com/admin', { headers: signed.headers });
    expect(await verify(replayed)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('rejects the headers of one host replayed on another', async () => {
    const signed = await signedRequest();
    const replayed = new Request('https://other.example.com/cart', { headers: signed.headers });
    expect(await verify(replayed)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('rejects a signature older than the allowed age, and accepts one exactly at it', async () => {
    const request = await signedRequest();
    expect(await edgeflagVerifier({ secret: SECRET, now: at(T + 61) })(request)).toMatchObject({ ok: false, reason: 'expired' });
    expect(await edgeflagVerifier({ secret: SECRET, now: at(T + 60) })(request)).toMatchObject({ ok: true });
    expect(await edgeflagVerifier({ secret: SECRET, maxAgeSeconds: 5, now: at(T + 6) })(request)).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('rejects a signature dated beyond the allowed clock skew', async () => {
    const request = await signedRequest({ timestamp: T + 6 });
    expect(await verify(request)).toMatchObject({ ok: true });
    expect(await edgeflagVerifier({ secret: SECRET, now: at(T) })(request)).toMatchObject({ ok: false, reason: 'not-yet-valid' });
  });

  it('rejects a request without a signature or with a malformed one', async () => {
    expect(await verify(new Request('https://app.example.com/cart', { headers: { 'x-edgeflag': 'a=on' } }))).toMatchObject({ ok: false, reason: 'missing-signature' });
    const malformed = new Request('https://app.example.com/cart', { headers: { 'x-edgeflag-signature': 't=1, v=2, sig=:AAAA:' } });
    expect(await verify(malformed)).toMatchObject({ ok: false, reason: 'malformed-signature' });
  });

  it('rejects flags deleted from a signed request', async () => {
    const request = await signedRequest();
    request.headers.delete('x-edgeflag');
    expect(await verify(request)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('accepts a signature made with any of several secrets while one is being rotated', async () => {
    const rotating = edgeflagVerifier({ secret: [OTHER_SECRET, SECRET], now: at(T) });
    expect(await rotating(await signedRequest())).toMatchObject({ ok: true });
    expect(await rotating(await signedRequest({ secret: OTHER_SECRET }))).toMatchObject({ ok: true });
  });

  it('verifies the parts of a Node request (Express): headers as an object, the query ignored, the public host pinned', async () => {
    const signed = await signedRequest();
    const headers = { host: '127.0.0.1:3000', 'x-edgeflag': signed.headers.get('x-edgeflag')!, 'x-edgeflag-signature': signed.headers.get('x-edgeflag-signature')! };
    const pinned = edgeflagVerifier({ secret: SECRET, host: 'app.example.com', now: at(T) });
    expect(await pinned({ method: 'GET', path: '/cart?utm_source=mail', headers })).toMatchObject({ ok: true, version: 12 });
    expect(await verify({ method: 'GET', path: '/cart', headers })).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('verifies a request with no flags forwarded', async () => {
    const request = await signedRequest({ flags: '' });
    request.headers.delete('x-edgeflag');
    expect(await verifyEdgeflag(request, { secret: SECRET, now: at(T) })).toEqual({ ok: true, flags: {}, version: 12, timestamp: T });
  });

  it('refuses to be built without a usable secret or with a negative age', () => {
    expect(() => edgeflagVerifier({ secret: '' })).toThrow(/EDGEFLAG_SIGNING_SECRET is not set/);
    expect(() => edgeflagVerifier({ secret: [] })).toThrow(/pass the secret/);
    expect(() => edgeflagVerifier({ secret: SECRET, maxAgeSeconds: -1 })).toThrow(/maxAgeSeconds/);
  });
});
