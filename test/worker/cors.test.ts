import { reset } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { APP_ORIGIN, startEdgeflag } from './harness.ts';
import { publish } from './kv-snapshots.ts';
import { sampleFlags } from './sample-flags.ts';

beforeEach(async () => {
  await reset();
  await publish(sampleFlags, { version: 1 });
});

function preflight(origin: string, requestHeaders = 'content-type,if-none-match,authorization,x-api-key'): RequestInit {
  return {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': requestHeaders },
  };
}

function splitList(value: string | null): string[] {
  return (value ?? '').split(',').map((item) => item.trim().toLowerCase());
}

describe('CORS', () => {
  it('answers a preflight from a configured origin allowing POST and the headers the OFREP providers send', async () => {
    const response = await startEdgeflag().fetch('/ofrep/v1/evaluate/flags', preflight(APP_ORIGIN));
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(splitList(response.headers.get('access-control-allow-methods'))).toContain('post');
    expect(splitList(response.headers.get('access-control-allow-headers'))).toEqual(
      expect.arrayContaining(['content-type', 'if-none-match', 'authorization', 'x-api-key']),
    );
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('x-edgeflag-version')).toBe('1');
  });

  it('lets a page read ETag and x-edgeflag-version from a bulk response', async () => {
    const response = await startEdgeflag().bulk({ targetingKey: 'u-1' }, { Origin: APP_ORIGIN });
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(splitList(response.headers.get('access-control-expose-headers'))).toEqual(
      expect.arrayContaining(['etag', 'x-edgeflag-version']),
    );
    expect(splitList(response.headers.get('vary'))).toContain('origin');
  });

  it('gives a page the CORS headers on errors too, so it can read a 401', async () => {
    const response = await startEdgeflag().evaluate('max-items', {}, { Origin: APP_ORIGIN });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
  });

  it('sends no CORS headers to a caller without Origin (a server SDK), and a page still gets them from the same Worker', async () => {
    const edgeflag = startEdgeflag({ env: { EDGEFLAG_CORS_ORIGINS: '*' } });
    const server = await edgeflag.evaluate('new-checkout', { targetingKey: 'u-1' });
    expect(server.status).toBe(200);
    expect(server.headers.get('access-control-allow-origin')).toBeNull();
    expect(server.headers.get('x-edgeflag-version')).toBe('1');
    const page = await edgeflag.evaluate('new-checkout', { targetingKey: 'u-1' }, { Origin: APP_ORIGIN });
    expect(page.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('allows no other origin', async () => {
    const edgeflag = startEdgeflag();
    const pre = await edgeflag.fetch('/ofrep/v1/evaluate/flags', preflight('https://evil.example.net'));
    const post = await edgeflag.bulk({}, { Origin: 'https://evil.example.net' });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows any origin with "*"', async () => {
    const edgeflag = startEdgeflag({ env: { EDGEFLAG_CORS_ORIGINS: '*' } });
    const response = await edgeflag.fetch('/ofrep/v1/evaluate/flags/new-checkout', preflight('https://anywhere.example.org'));
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('sends no CORS header at all when no origin is configured', async () => {
    const edgeflag = startEdgeflag({ env: { EDGEFLAG_CORS_ORIGINS: '' } });
    const response = await edgeflag.bulk({}, { Origin: APP_ORIGIN });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers every caller of one isolate with its own CORS headers, whoever asked before', async () => {
    const other = 'https://ok.example.com';
    const edgeflag = startEdgeflag({ env: { EDGEFLAG_CORS_ORIGINS: `${APP_ORIGIN}, ${other}` } });
    const callers = [APP_ORIGIN, undefined, other, 'https://evil.example.net', APP_ORIGIN, undefined];
    const allowed = [];
    for (const origin of callers) {
      const response = await edgeflag.evaluate('new-checkout', { targetingKey: 'u-1' }, origin === undefined ? {} : { Origin: origin });
      expect(response.status).toBe(200);
      expect(response.headers.get('vary')).toBe(origin === undefined ? null : 'Origin');
      allowed.push(response.headers.get('access-control-allow-origin'));
    }
    expect(allowed).toEqual([APP_ORIGIN, null, other, null, APP_ORIGIN, null]);
  });

  it('refuses to start with an origin that has a path, naming it and the fix', async () => {
    expect(() => startEdgeflag({ env: { EDGEFLAG_CORS_ORIGINS: 'https://app.example.com/, https://ok.example.com' } })).toThrow(
      /EDGEFLAG_CORS_ORIGINS lists "https:\/\/app.example.com\/", which is not an origin: write scheme:\/\/host\[:port\]/,
    );
  });
});
