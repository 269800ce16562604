import { describe, expect, it } from 'vitest';
import { cacheControlFor } from '../../src/middleware/cache-control.ts';
import { scriptSafeJson } from '../../src/middleware/html-bootstrap.ts';
import { isEdgeflagPath } from '../../src/middleware/edgeflag-paths.ts';
import { edgeflag, EdgeflagConfigError } from '../../src/middleware/index.ts';
import { urlParts } from '../../src/middleware/url-parts.ts';
import { readOrigin, readProxyOptions } from '../../src/middleware/worker-options.ts';

const snapshot = () => undefined;
const SECRET = 'test-signing-secret-0123456789abcdef';

describe('edgeflag() options', () => {
  it('builds with nothing but a snapshot source', () => {
    expect(edgeflag({ snapshot }).name).toBe('edgeflag');
  });

  it('throws once, at build time, listing every problem with its fix', () => {
    let error: unknown;
    try {
      edgeflag({
        snapshot,
        secret: 'short',
        flags: [],
        tenant: [{ from: 'subdomain', domain: 'Example.com' }, { from: 'claim', claim: 'org' }],
        user: { from: 'header', name: 'x-user' } as never,
        claims: { country: 'country' },
        anonymousCookie: 'bad cookie',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EdgeflagConfigError);
    const message = (error as Error).message;
    expect(message).toContain('secret is shorter than 32 bytes');
    expect(message).toContain('flags must be "all", "client" or a non-empty list');
    expect(message).toContain('tenant[0].domain must be a lowercase host name');
    expect(message).toContain('tenant[1] reads a JWT claim but no `jwt` option');
    expect(message).toContain('user.from must be "claim" or "cookie"');
    expect(message).toContain('claims maps onto "country", which the middleware sets itself');
    expect(message).toContain('anonymousCookie must be a cookie name');
    // The secret itself ("short") must not be echoed; "shorter" is the problem's own wording.
    expect(message).not.toMatch(/\bshort\b/);
  });

  it('refuses a JWT setup with both or neither key source, a weak HS256 secret or a plain-http JWKS URL', () => {
    expect(() => edgeflag({ snapshot, jwt: {} })).toThrow(/exactly one of `secret`/);
    expect(() => edgeflag({ snapshot, jwt: { secret: 'x'.repeat(40), jwksUrl: 'https://issuer.example.com/jwks' } })).toThrow(/exactly one/);
    expect(() => edgeflag({ snapshot, jwt: { secret: 'weak' } })).toThrow(/jwt.secret is shorter than 32 bytes/);
    expect(() => edgeflag({ snapshot, jwt: { jwksUrl: 'http://issuer.example.com/jwks' } })).toThrow(/must be an https URL/);
    expect(() => edgeflag({ snapshot, jwt: { jwksUrl: 'http://127.0.0.1:8080/jwks' } })).not.toThrow();
  });

  it('refuses a tenant header the middleware would strip itself', () => {
    expect(() => edgeflag({ snapshot, tenant: { from: 'header', name: 'X-Edgeflag-Tenant' } })).toThrow(/removes from every request/);
  });

  it('refuses the HTML bootstrap where there is no HTMLRewriter (Node)', () => {
    expect(() => edgeflag({ snapshot, secret: SECRET, htmlBootstrap: true })).toThrow(/needs HTMLRewriter/);
  });

  it('leaves the caller\'s options object as it was', () => {
    const options = Object.freeze({ snapshot, tenant: Object.freeze({ from: 'cookie', name: 'tenant' }) as never });
    expect(() => edgeflag(options)).not.toThrow();
  });
});

describe('the default Worker\'s vars', () => {
  it('reads tenant, user, JWT, flags and bootstrap settings', () => {
    expect(
      readProxyOptions({
        EDGEFLAG_TENANT_FROM: 'subdomain:Example.com, claim:org',
        EDGEFLAG_USER_FROM: 'claim:sub',
        EDGEFLAG_JWT_SECRET: 'x'.repeat(32),
        EDGEFLAG_JWT_AUDIENCE: 'web, api',
        EDGEFLAG_JWT_CLAIMS: 'email, plan=https://example.com/plan',
        EDGEFLAG_FLAGS: 'new-checkout, theme',
        EDGEFLAG_HTML_BOOTSTRAP: 'TRUE',
        EDGEFLAG_ANONYMOUS_COOKIE: 'off',
      }),
    ).toEqual({
      flags: ['new-checkout', 'theme'],
      tenant: [{ from: 'subdomain', domain: 'example.com' }, { from: 'claim', claim: 'org' }],
      user: [{ from: 'claim', claim: 'sub' }],
      jwt: { secret: 'x'.repeat(32), audience: ['web', 'api'] },
      claims: { email: 'email', plan: 'https://example.com/plan' },
      anonymousCookie: false,
      htmlBootstrap: true,
    });
  });

  it('names each misconfigured var', () => {
    expect(() => readProxyOptions({ EDGEFLAG_TENANT_FROM: 'path:/t', EDGEFLAG_HTML_BOOTSTRAP: 'yes' })).toThrow(
      /EDGEFLAG_TENANT_FROM lists "path:\/t"[\s\S]*EDGEFLAG_HTML_BOOTSTRAP is "yes"/,
    );
  });

  it.each([
    ['https://origin.example.com', 'https://origin.example.com'],
    ['https://origin.example.com/', 'https://origin.example.com'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    [undefined, undefined],
  ])('takes EDGEFLAG_ORIGIN %s as the origin %s', (value, origin) => {
    expect(readOrigin({ EDGEFLAG_ORIGIN: value })).toBe(origin);
  });

  it.each(['origin.example.com', 'https://origin.example.com/app', 'ftp://origin.example.com'])('refuses EDGEFLAG_ORIGIN %s, which is not an origin', (value) => {
    expect(() => readOrigin({ EDGEFLAG_ORIGIN: value })).toThrow(/write the origin only/);
  });
});

describe('Cache-Control of responses to flagged requests', () => {
  it.each([
    [null, 'private'],
    ['max-age=60', 'private, max-age=60'],
    ['no-cache', 'private, no-cache'],
    ['private, max-age=60', undefined],
    ['no-store', undefined],
    ['public, max-age=600', undefined],
    ['max-age=60, s-maxage=600', undefined],
  ])('turns %s into %s', (current, expected) => {
    expect(cacheControlFor(current, 'private')).toBe(expected);
  });

  it('can ask for no-store instead', () => {
    expect(cacheControlFor(null, 'no-store')).toBe('no-store');
  });
});

describe('JSON written into a script element', () => {
  it('escapes <, >, &, U+2028 and U+2029 and still parses to the same value', () => {
    const value = { text: '</script><script>alert(1)</script>', more: '<!-- & \u2028\u2029' };
    const json = scriptSafeJson(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('request URLs', () => {
  it.each([
    ['https://app.example.com/cart?x=1#top', 'app.example.com', '/cart'],
    ['http://127.0.0.1:8787/a%2Fb', '127.0.0.1:8787', '/a%2Fb'],
    ['https://app.example.com', 'app.example.com', '/'],
    ['https://app.example.com?x=1', 'app.example.com', '/'],
  ])('reads %s as host %s and path %s, as new URL would', (url, host, path) => {
    expect(urlParts(url)).toEqual({ host, path });
    expect(urlParts(new Request(url).url)).toEqual({ host: new URL(url).host, path: new URL(url).pathname });
  });

  it.each([
    ['/ofrep/v1/evaluate/flags', true],
    ['https://app.example.com/ofrep', true],
    ['https://app.example.com/_edgeflag/health?x=1', true],
    ['https://app.example.com/ofrepx', false],
    ['https://app.example.com/_edgeflagged', false],
    ['https://app.example.com/shop/ofrep/', false],
  ])('treats %s as edgeflag\'s own: %s', (url, own) => {
    expect(isEdgeflagPath(url)).toBe(own);
  });
});
