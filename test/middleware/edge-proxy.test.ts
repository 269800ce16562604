import { Jwt } from 'hono/utils/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgeflagVerifier } from '../../src/crypto/verify.ts';
import { compile, evaluate } from '../../src/engine/index.ts';
import { validateDocument } from '../../src/schema/index.ts';
import type { EdgeUnderTest } from './edge-under-test.ts';
import { startEdge } from './edge-under-test.ts';
import { edgeFlags, HOSTILE_TEXT } from './edge-flags.ts';
import type { RecordingOrigin } from './recording-origin.ts';
import { startRecordingOrigin } from './recording-origin.ts';

const SIGNING_SECRET = 'proxy-test-signing-secret-0123456789';
const JWT_SECRET = 'proxy-test-jwt-secret-0123456789abcdef';
const SERVER_KEY = 'proxy-test-server-key';

let origin: RecordingOrigin;
let edge: EdgeUnderTest;
let issuerKey: JsonWebKey;
let strangerKey: JsonWebKey;

/** An ES256 key pair as an issuer holds it: the private JWK to sign with, the public one for its JWKS. */
async function es256Key(kid: string): Promise<{ privateJwk: JsonWebKey; publicJwk: JsonWebKey }> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const strip = ({ key_ops: _ops, ext: _ext, ...jwk }: JsonWebKey) => ({ ...jwk, alg: 'ES256', kid });
  return { privateJwk: strip((await crypto.subtle.exportKey('jwk', pair.privateKey)) as JsonWebKey), publicJwk: strip((await crypto.subtle.exportKey('jwk', pair.publicKey)) as JsonWebKey) };
}

beforeAll(async () => {
  const checked = validateDocument(edgeFlags);
  if (!checked.ok) throw new Error(`test flags are invalid: ${JSON.stringify(checked.issues)}`);
  origin = await startRecordingOrigin();
  const issuer = await es256Key('issuer-1');
  issuerKey = issuer.privateJwk;
  strangerKey = (await es256Key('issuer-1')).privateJwk;
  origin.reply('/.well-known/jwks.json', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ keys: [issuer.publicJwk] }) });
  const common = { EDGEFLAG_ORIGIN: origin.url, EDGEFLAG_SIGNING_SECRET: SIGNING_SECRET };
  edge = await startEdge([
    {
      name: 'edge',
      host: 'shop.test',
      kv: 'flags',
      vars: {
        ...common,
        EDGEFLAG_TENANT_FROM: 'claim:org, subdomain:shop.test',
        EDGEFLAG_USER_FROM: 'claim:sub',
        EDGEFLAG_JWT_SECRET: JWT_SECRET,
        EDGEFLAG_SERVER_KEYS: SERVER_KEY,
      },
    },
    {
      name: 'jwks',
      host: 'jwks.test',
      kv: 'flags',
      vars: { ...common, EDGEFLAG_TENANT_FROM: 'claim:org', EDGEFLAG_JWKS_URL: `${origin.url}/.well-known/jwks.json`, EDGEFLAG_JWT_ISSUER: 'https://issuer.test' },
    },
    { name: 'html', host: 'html.test', kv: 'flags', vars: { ...common, EDGEFLAG_HTML_BOOTSTRAP: 'true' } },
    { name: 'empty', host: 'empty.test', kv: 'nothing-published', vars: common },
    { name: 'unsigned', host: 'nosecret.test', kv: 'flags', vars: { EDGEFLAG_ORIGIN: origin.url } },
  ]);
  await edge.publish('flags', edgeFlags, 3);
}, 60_000);

afterAll(async () => {
  await edge?.dispose();
  await origin?.close();
});

/** The flags the origin received on `path`, checked with edgeflag/verify against the public host. */
function verifiedAtOrigin(path: string, options: { host?: string; secret?: string; nowMs?: number } = {}) {
  const received = origin.last(path);
  const verify = edgeflagVerifier({
    secret: options.secret ?? SIGNING_SECRET,
    host: options.host ?? String(received.headers['x-forwarded-host']),
    ...(options.nowMs === undefined ? {} : { now: () => options.nowMs! }),
  });
  return verify({ method: received.method, path: received.url, headers: received.headers });
}

function cookieOf(response: Response, name: string): string | undefined {
  return response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`));
}

describe('flag headers the origin receives', () => {
  it('never passes on x-edgeflag headers a client sent, only the edge\'s own, which verify', async () => {
    const response = await edge.fetch('https://shop.test/spoofed', {
      headers: { 'x-edgeflag': 'tenant-beta=on', 'X-Edgeflag-Signature': 't=1, v=1, sig=:AAAA:', 'x-edgeflag-debug': '1', 'x-edgeflag-version': '99' },
    });
    expect(response.status).toBe(200);
    const received = origin.last('/spoofed');
    expect(Object.keys(received.headers).filter((name) => name.startsWith('x-edgeflag')).sort()).toEqual(['x-edgeflag', 'x-edgeflag-signature']);
    expect(received.headers['x-edgeflag']).toContain('tenant-beta=off');
    expect(await verifiedAtOrigin('/spoofed')).toMatchObject({ ok: true, version: 3, flags: { 'tenant-beta': 'off' } });
  });

  it('carries every server flag, with uppercase keys and digit-first variants encoded as RFC 9651 allows', async () => {
    await edge.fetch('https://shop.test/all-flags');
    const received = origin.last('/all-flags');
    expect(received.headers['x-edgeflag']).toContain('*pricing.*tier="2"');
    const result = await verifiedAtOrigin('/all-flags');
    expect(result.ok && Object.keys(result.flags).sort()).toEqual(['Pricing.Tier', 'banner', 'checkout-rollout', 'germany-only', 'office-network', 'tenant-beta']);
    expect(result.ok && result.flags['Pricing.Tier']).toBe('2');
    expect(received.headers['x-forwarded-host']).toBe('shop.test');
  });

  it('is rejected by edgeflag/verify when tampered with, under another secret, replayed late or on another path', async () => {
    await edge.fetch('https://shop.test/account');
    const received = origin.last('/account');
    const verify = edgeflagVerifier({ secret: SIGNING_SECRET, host: 'shop.test' });
    const headers = { ...received.headers };
    expect(await verify({ method: 'GET', path: '/account', headers })).toMatchObject({ ok: true });

    const tampered = { ...headers, 'x-edgeflag': String(headers['x-edgeflag']).replace('tenant-beta=off', 'tenant-beta=on') };
    expect(await verify({ method: 'GET', path: '/account', headers: tampered })).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(await verifiedAtOrigin('/account', { secret: 'a-different-secret-0123456789abcdefgh' })).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(await verifiedAtOrigin('/account', { nowMs: Date.now() + 61_000 })).toMatchObject({ ok: false, reason: 'expired' });
    expect(await verify({ method: 'GET', path: '/admin', headers })).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(await verify({ method: 'POST', path: '/account', headers })).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('forwards the method, query and body unchanged and hands redirects back instead of following them', async () => {
    origin.reply('/moved', { status: 302, headers: { location: '/elsewhere' } });
    const posted = await edge.fetch('https://shop.test/orders?draft=1', { method: 'POST', body: '{"items":3}', headers: { 'content-type': 'application/json' } });
    expect(posted.status).toBe(200);
    expect(origin.last('/orders')).toMatchObject({ method: 'POST', url: '/orders?draft=1', body: '{"items":3}' });
    const moved = await edge.fetch('https://shop.test/moved');
    expect(moved.status).toBe(302);
    expect(moved.headers.get('location')).toBe('/elsewhere');
  });

  it('does not forward /ofrep/ and /_edgeflag/ paths: the Worker answers them', async () => {
    const before = origin.received.length;
    const health = await edge.fetch('https://shop.test/_edgeflag/health');
    expect(health.status).toBe(200);
    const bulk = await edge.fetch('https://shop.test/ofrep/v1/evaluate/flags', { method: 'POST', body: '{"context":{}}', headers: { 'content-type': 'application/json' } });
    expect(bulk.status).toBe(200);
    expect(origin.received.length).toBe(before);
  });
});

describe('the anonymous id cookie', () => {
  it('is set for a visitor without a user, HttpOnly, Secure, SameSite=Lax and long-lived', async () => {
    const response = await edge.fetch('https://shop.test/welcome');
    const cookie = cookieOf(response, 'edgeflag_id');
    expect(cookie).toMatch(/^edgeflag_id=[0-9a-f-]{36}; Max-Age=34560000; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
  });

  it('keeps a visitor\'s rollout variant across requests, the one the engine gives their id', async () => {
    const first = await edge.fetch('https://shop.test/visit');
    const id = cookieOf(first, 'edgeflag_id')!.split(';')[0]!.slice('edgeflag_id='.length);
    const expected = evaluate(compile(edgeFlags), 'checkout-rollout', { targetingKey: id }, { now: Date.now() }).variant;
    const seen = [];
    for (let visit = 0; visit < 4; visit++) {
      const again = await edge.fetch(`https://shop.test/visit/${visit}`, { headers: { cookie: `edgeflag_id=${id}` } });
      expect(cookieOf(again, 'edgeflag_id')).toBeUndefined();
      const result = await verifiedAtOrigin(`/visit/${visit}`);
      seen.push(result.ok ? result.flags['checkout-rollout'] : result.reason);
    }
    expect(seen).toEqual([expected, expected, expected, expected]);
  });

  it('replaces an id it did not write with a fresh one', async () => {
    const response = await edge.fetch('https://shop.test/visit', { headers: { cookie: 'edgeflag_id=chosen-by-client' } });
    expect(cookieOf(response, 'edgeflag_id')).toMatch(/^edgeflag_id=[0-9a-f]{8}-/);
  });
});

describe('tenants and users from a verified JWT', () => {
  const now = () => Math.floor(Date.now() / 1000);

  it('takes the tenant from the token\'s claim and sets no anonymous cookie for a known user', async () => {
    const token = await Jwt.sign({ sub: 'u-7', org: 'acme', exp: now() + 600 }, JWT_SECRET, 'HS256');
    const response = await edge.fetch('https://shop.test/dashboard', { headers: { authorization: `Bearer ${token}` } });
    expect(cookieOf(response, 'edgeflag_id')).toBeUndefined();
    expect(await verifiedAtOrigin('/dashboard')).toMatchObject({ ok: true, flags: { 'tenant-beta': 'on' } });
  });

  it('falls back to the subdomain when there is no token', async () => {
    await edge.fetch('https://acme.shop.test/dashboard/subdomain');
    expect(await verifiedAtOrigin('/dashboard/subdomain', { host: 'acme.shop.test' })).toMatchObject({ ok: true, flags: { 'tenant-beta': 'on' } });
  });

  it.each([
    ['expired', async () => Jwt.sign({ org: 'acme', exp: now() - 10 }, JWT_SECRET, 'HS256')],
    ['signed with another secret', async () => Jwt.sign({ org: 'acme' }, 'an-attackers-secret-0123456789abcdef', 'HS256')],
    ['unsigned (alg none)', async () => `${btoa('{"alg":"none","typ":"JWT"}').replace(/=+$/, '')}.${btoa('{"org":"acme"}').replace(/=+$/, '')}.`],
    ['not yet valid', async () => Jwt.sign({ org: 'acme', nbf: now() + 600 }, JWT_SECRET, 'HS256')],
  ])('ignores a token that is %s', async (label, token) => {
    const path = `/dashboard/${label.replace(/\W+/g, '-')}`;
    await edge.fetch(`https://shop.test${path}`, { headers: { authorization: `Bearer ${await token()}` } });
    expect(await verifiedAtOrigin(path)).toMatchObject({ ok: true, flags: { 'tenant-beta': 'off' } });
  });
});

describe('tenants from an asymmetric JWT checked against the issuer\'s JWKS', () => {
  const now = () => Math.floor(Date.now() / 1000);
  let requests = 0;
  const tenantBeta = async (token: string) => {
    const path = `/reports/${++requests}`;
    await edge.fetch(`https://jwks.test${path}`, { headers: { authorization: `Bearer ${token}` } });
    const result = await verifiedAtOrigin(path);
    return result.ok ? result.flags['tenant-beta'] : result.reason;
  };

  it('takes the tenant from an ES256 token signed by a key in the JWKS', async () => {
    expect(await tenantBeta(await Jwt.sign({ org: 'acme', iss: 'https://issuer.test', exp: now() + 600 }, issuerKey as never))).toBe('on');
  });

  it('ignores a token signed by another key under the same kid, from another issuer, or with HS256', async () => {
    expect(await tenantBeta(await Jwt.sign({ org: 'acme', iss: 'https://issuer.test' }, strangerKey as never))).toBe('off');
    expect(await tenantBeta(await Jwt.sign({ org: 'acme', iss: 'https://elsewhere.test' }, issuerKey as never))).toBe('off');
    expect(await tenantBeta(await Jwt.sign({ org: 'acme', iss: 'https://issuer.test' }, JWT_SECRET, 'HS256'))).toBe('off');
  });

  it('fetches the JWKS once, not on every request', async () => {
    const token = await Jwt.sign({ org: 'acme', iss: 'https://issuer.test', exp: now() + 600 }, issuerKey as never);
    expect([await tenantBeta(token), await tenantBeta(token)]).toEqual(['on', 'on']);
    expect(origin.received.filter((request) => request.url === '/.well-known/jwks.json').length).toBe(1);
  });
});

describe('attributes only the edge knows', () => {
  it('matches a country rule from request.cf', async () => {
    await edge.fetch('https://shop.test/de', { cf: { country: 'DE' } });
    expect(await verifiedAtOrigin('/de')).toMatchObject({ ok: true, flags: { 'germany-only': 'on' } });
    await edge.fetch('https://shop.test/us', { cf: { country: 'US' }, headers: { country: 'DE', cookie: 'country=DE' } });
    expect(await verifiedAtOrigin('/us')).toMatchObject({ ok: true, flags: { 'germany-only': 'off' } });
  });

  it('matches an in_cidr rule from the connecting address, IPv4 and IPv6', async () => {
    await edge.fetch('https://shop.test/office/v4', { ip: '203.0.113.9' });
    expect(await verifiedAtOrigin('/office/v4')).toMatchObject({ ok: true, flags: { 'office-network': 'on' } });
    await edge.fetch('https://shop.test/office/v6', { ip: '2001:db8::1' });
    expect(await verifiedAtOrigin('/office/v6')).toMatchObject({ ok: true, flags: { 'office-network': 'on' } });
    await edge.fetch('https://shop.test/office/forwarded-for', { ip: '198.51.100.1', headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(await verifiedAtOrigin('/office/forwarded-for')).toMatchObject({ ok: true, flags: { 'office-network': 'off' } });
  });

  it('overrides a country or ip an OFREP client puts in its context', async () => {
    const ask = async (flag: string, context: Record<string, unknown>, where: { cf?: Record<string, unknown>; ip?: string }) => {
      const response = await edge.fetch(`https://shop.test/ofrep/v1/evaluate/flags/${flag}`, {
        method: 'POST',
        ...where,
        headers: { 'content-type': 'application/json', 'x-api-key': SERVER_KEY },
        body: JSON.stringify({ context: { targetingKey: 'u-1', ...context } }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { variant: string }).variant;
    };
    expect(await ask('germany-only', { country: 'DE' }, { cf: { country: 'US' } })).toBe('off');
    expect(await ask('germany-only', { country: 'US' }, { cf: { country: 'DE' } })).toBe('on');
    expect(await ask('office-network', { ip: '203.0.113.9' }, { ip: '198.51.100.1' })).toBe('off');
    expect(await ask('office-network', { ip: '198.51.100.1' }, { ip: '203.0.113.9' })).toBe('on');
  });
});

describe('the HTML bootstrap', () => {
  const page = '<!doctype html><html><head><title>Shop</title></head><body><h1>Shop</h1></body></html>';

  it('writes the client flags into the page where no flag value can end the script element', async () => {
    origin.reply('/page', { headers: { 'content-type': 'text/html; charset=utf-8', 'content-length': String(page.length) }, body: page });
    const response = await edge.fetch('https://html.test/page');
    const html = await response.text();
    const opening = '<script type="application/json" id="edgeflag">';
    expect(html.indexOf(opening)).toBeGreaterThan(html.indexOf('<title>'));
    expect(html.indexOf(opening)).toBeLessThan(html.indexOf('</head>'));
    // Exactly one script element and one closing tag: the hostile value stayed inside the JSON text.
    expect(html.split('<script').length - 1).toBe(1);
    expect(html.split('</script>').length - 1).toBe(1);
    expect(html).not.toContain('<!--');
    const json = html.slice(html.indexOf(opening) + opening.length, html.indexOf('</script>'));
    const payload = JSON.parse(json) as { version: number; flags: { key: string; value: unknown }[] };
    expect(payload.version).toBe(3);
    expect(payload.flags.map((flag) => flag.key).sort()).toEqual(['banner', 'checkout-rollout']);
    expect(payload.flags.find((flag) => flag.key === 'banner')?.value).toBe(HOSTILE_TEXT);
    expect(response.headers.get('content-length')).not.toBe(String(page.length));
    expect(response.headers.get('cache-control')).toBe('private');
  });

  it('leaves responses that are not HTML alone', async () => {
    origin.reply('/data.json', { headers: { 'content-type': 'application/json' }, body: '{"html":"<head></head>"}' });
    const response = await edge.fetch('https://html.test/data.json');
    expect(await response.text()).toBe('{"html":"<head></head>"}');
  });
});

describe('fail-open', () => {
  it('forwards requests with no flag headers while nothing is published, spoofed ones still removed', async () => {
    const response = await edge.fetch('https://empty.test/home', { headers: { 'x-edgeflag': 'tenant-beta=on' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
    const received = origin.last('/home');
    expect(Object.keys(received.headers).filter((name) => name.startsWith('x-edgeflag'))).toEqual([]);
    expect(response.headers.get('cache-control')).toBeNull();
  });

  it('forwards without flag headers when no signing secret is set, and says why in health', async () => {
    const response = await edge.fetch('https://nosecret.test/unsigned', { headers: { 'x-edgeflag-signature': 'forged' } });
    expect(response.status).toBe(200);
    expect(Object.keys(origin.last('/unsigned').headers).filter((name) => name.startsWith('x-edgeflag'))).toEqual([]);
    const health = (await (await edge.fetch('https://nosecret.test/_edgeflag/health')).json()) as { middleware: { lastFault: { kind: string; message: string } } };
    expect(health.middleware.lastFault).toMatchObject({ kind: 'secret-missing' });
    expect(health.middleware.lastFault.message).toContain('wrangler secret put EDGEFLAG_SIGNING_SECRET');
  });
});

describe('caching of flagged responses', () => {
  it('marks them private unless the origin already decided', async () => {
    origin.reply('/max-age', { headers: { 'cache-control': 'max-age=60' } });
    origin.reply('/public', { headers: { 'cache-control': 'public, max-age=600' } });
    expect((await edge.fetch('https://shop.test/plain')).headers.get('cache-control')).toBe('private');
    expect((await edge.fetch('https://shop.test/max-age')).headers.get('cache-control')).toBe('private, max-age=60');
    expect((await edge.fetch('https://shop.test/public')).headers.get('cache-control')).toBe('public, max-age=600');
  });
});
