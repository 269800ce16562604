import { createExecutionContext, reset, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import type { OverrideRejection } from '../../src/crypto/override-token.ts';
import type { OverridePayload } from '../../src/crypto/override-token.ts';
import { signOverrideToken } from '../../src/crypto/override-token.ts';
import type { FlagDocument } from '../../src/engine/index.ts';
import type { HealthReport } from '../../src/http/health-route.ts';
import { edgeflag } from '../../src/middleware/index.ts';
import type { EdgeflagUnderTest } from './harness.ts';
import { startEdgeflag, T0 } from './harness.ts';
import { kill } from './kv-kills.ts';
import { publish } from './kv-snapshots.ts';
import { sampleFlags } from './sample-flags.ts';

const SECRET = 'override-secret-for-worker-tests-0123456789';

/** The sample flags with new-checkout open to tester overrides (banner-text stays closed). */
const flags: FlagDocument = {
  ...sampleFlags,
  flags: { ...sampleFlags.flags, 'new-checkout': { ...sampleFlags.flags['new-checkout']!, overridable: true } },
};

function token(overrides: Partial<OverridePayload> = {}, secret = SECRET): Promise<string> {
  return signOverrideToken({ v: 1, flags: { 'new-checkout': 'on', 'banner-text': 'short' }, exp: T0 / 1000 + 3600, tester: 'ana', ...overrides }, secret);
}

async function served(edgeflag: EdgeflagUnderTest, key: string, headers: Record<string, string>, context: unknown = { targetingKey: 'u-9' }): Promise<unknown> {
  return (await edgeflag.evaluate(key, context, headers)).json();
}

async function rejected(edgeflag: EdgeflagUnderTest): Promise<HealthReport['overrides']> {
  return (await (await edgeflag.health()).json<HealthReport>()).overrides;
}

beforeEach(async () => {
  await reset();
  await publish(flags, { version: 1 });
});

describe('tester overrides in OFREP', () => {
  it('a valid token in the x-edgeflag-override header forces the variant, reason OVERRIDE', async () => {
    const edgeflag = startEdgeflag({ env: { EDGEFLAG_OVERRIDE_SECRET: SECRET } });
    expect(await served(edgeflag, 'new-checkout', {})).toMatchObject({ variant: 'off', reason: 'DEFAULT' });
    expect(await served(edgeflag, 'new-checkout', { 'x-edgeflag-override': await token() })).toMatchObject({ variant: 'on', value: true, reason: 'OVERRIDE' });
  });

  it('a valid token in the edgeflag-override cookie works the same, in bulk too', async () => {
    const edgeflag = startEdgeflag({ env: { EDGEFLAG_OVERRIDE_SECRET: SECRET } });
    const cookie = { Cookie: `theme=dark; edgeflag-override=${await token()}` };
    expect(await served(edgeflag, 'new-checkout', cookie)).toMatchObject({ reason: 'OVERRIDE' });
    const plain = await edgeflag.bulk({ targetingKey: 'u-9' });
    const forced = await edgeflag.bulk({ targetingKey: 'u-9' }, cookie);
    expect(forced.headers.get('etag')).not.toBe(plain.headers.get('etag'));
    const body = await forced.json<{ flags: { key: string; reason: string }[] }>();
    expect(body.flags.find((flag) => flag.key === 'new-checkout')).toMatchObject({ reason: 'OVERRIDE' });
  });

  it('leaves a flag not marked overridable alone', async () => {
    const edgeflag = startEdgeflag({ env: { EDGEFLAG_OVERRIDE_SECRET: SECRET } });
    expect(await served(edgeflag, 'banner-text', { 'x-edgeflag-override': await token() })).toMatchObject({ variant: 'long', reason: 'STATIC' });
  });

  it('a kill wins over a valid override', async () => {
    await kill('new-checkout');
    const edgeflag = startEdgeflag({ env: { EDGEFLAG_OVERRIDE_SECRET: SECRET } });
    expect(await served(edgeflag, 'new-checkout', { 'x-edgeflag-override': await token() })).toMatchObject({ variant: 'off', reason: 'DISABLED' });
  });

  it('ignores an expired token and counts it in health', async () => {
    const edgeflag = startEdgeflag({ env: { EDGEFLAG_OVERRIDE_SECRET: SECRET } });
    const expired = await token({ exp: T0 / 1000 });
    expect(await served(edgeflag, 'new-checkout', { 'x-edgeflag-override': expired })).toMatchObject({ reason: 'DEFAULT' });
    expect(await rejected(edgeflag)).toEqual({ enabled: true, rejected: { malformed: 0, forged: 0, expired: 1, 'out-of-scope': 0 } });
  });

  it('ignores a forged token (signed with another secret) and counts it in health', async () => {
    const edgeflag = startEdgeflag({ env: { EDGEFLAG_OVERRIDE_SECRET: SECRET } });
    const forged = await token({}, 'not-the-worker-secret-but-long-enough-0123');
    expect(await served(edgeflag, 'new-checkout', { 'x-edgeflag-override': forged })).toMatchObject({ reason: 'DEFAULT' });
    expect(await served(edgeflag, 'new-checkout', { 'x-edgeflag-override': 'garbage' })).toMatchObject({ reason: 'DEFAULT' });
    expect((await rejected(edgeflag)).rejected).toMatchObject({ forged: 1, malformed: 1 });
  });

  it('applies a tenant-scoped token to that tenant only', async () => {
    const edgeflag = startEdgeflag({ env: { EDGEFLAG_OVERRIDE_SECRET: SECRET } });
    const scoped = { 'x-edgeflag-override': await token({ tenant: 'acme' }) };
    expect(await served(edgeflag, 'new-checkout', scoped, { targetingKey: 'u-9', tenant: 'acme' })).toMatchObject({ reason: 'OVERRIDE' });
    expect(await served(edgeflag, 'new-checkout', scoped, { targetingKey: 'u-9', tenant: 'globex' })).toMatchObject({ reason: 'DEFAULT' });
    expect((await rejected(edgeflag)).rejected).toMatchObject({ 'out-of-scope': 1 });
  });

  it('without EDGEFLAG_OVERRIDE_SECRET, no token is honoured', async () => {
    const edgeflag = startEdgeflag();
    expect(await served(edgeflag, 'new-checkout', { 'x-edgeflag-override': await token() })).toMatchObject({ reason: 'DEFAULT' });
    expect((await rejected(edgeflag)).enabled).toBe(false);
  });
});

describe('the override link: /_edgeflag/override?token=…&to=…', () => {
  it('sets the token as an HttpOnly, Secure, SameSite=Lax cookie until it expires and redirects to the path given', async () => {
    const edgeflag = startEdgeflag({ env: { EDGEFLAG_OVERRIDE_SECRET: SECRET } });
    const value = await token({ exp: T0 / 1000 + 1800 });
    const response = await edgeflag.fetch(`/_edgeflag/override?token=${value}&to=${encodeURIComponent('/checkout?step=2')}`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/checkout?step=2');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.getSetCookie()).toEqual([`edgeflag-override=${value}; Path=/; Max-Age=1800; HttpOnly; Secure; SameSite=Lax`]);
    const cookie = { Cookie: response.headers.getSetCookie()[0]!.split(';')[0]! };
    expect(await served(edgeflag, 'new-checkout', cookie)).toMatchObject({ variant: 'on', reason: 'OVERRIDE' });
  });

  it('redirects only to a path on the same host: never to another site', async () => {
    const edgeflag = startEdgeflag({ env: { EDGEFLAG_OVERRIDE_SECRET: SECRET } });
    const value = await token();
    for (const to of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'evil.example', '/%0d%0aSet-Cookie:x=1'.replace('%0d%0a', '\r\n')]) {
      const response = await edgeflag.fetch(`/_edgeflag/override?token=${value}&to=${encodeURIComponent(to)}`, { redirect: 'manual' });
      expect(response.status, to).toBe(400);
      expect(response.headers.getSetCookie(), to).toEqual([]);
    }
    const home = await edgeflag.fetch(`/_edgeflag/override?token=${value}`, { redirect: 'manual' });
    expect(home.headers.get('location')).toBe('/');
  });

  it('sets no cookie for a forged or expired token, counts it, and never echoes the token', async () => {
    const edgeflag = startEdgeflag({ env: { EDGEFLAG_OVERRIDE_SECRET: SECRET } });
    const forged = await token({}, 'not-the-worker-secret-but-long-enough-0123');
    const response = await edgeflag.fetch(`/_edgeflag/override?token=${forged}`, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await response.text()).not.toContain(forged);
    expect((await edgeflag.fetch(`/_edgeflag/override?token=${await token({ exp: T0 / 1000 - 1 })}`)).status).toBe(400);
    expect((await rejected(edgeflag)).rejected).toMatchObject({ forged: 1, expired: 1 });
  });

  it('sets a tenant-scoped token too: its scope is checked on every request', async () => {
    const edgeflag = startEdgeflag({ env: { EDGEFLAG_OVERRIDE_SECRET: SECRET } });
    const response = await edgeflag.fetch(`/_edgeflag/override?token=${await token({ tenant: 'acme' })}`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect((await rejected(edgeflag)).rejected['out-of-scope']).toBe(0);
  });

  it('?clear removes the cookie', async () => {
    const edgeflag = startEdgeflag({ env: { EDGEFLAG_OVERRIDE_SECRET: SECRET } });
    const response = await edgeflag.fetch('/_edgeflag/override?clear&to=/', { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.getSetCookie()).toEqual(['edgeflag-override=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax']);
  });

  it('is not there while overrides are off', async () => {
    const response = await startEdgeflag().fetch(`/_edgeflag/override?token=${await token()}`, { redirect: 'manual' });
    expect(response.status).toBe(404);
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});

describe('kills and tester overrides in the header-injecting middleware, over the real store', () => {
  const SIGNING_SECRET = 'middleware-signing-secret-0123456789ab';

  /** edgeflag() in front of a handler that answers with the x-edgeflag header it was given. */
  function proxied(under: EdgeflagUnderTest, rejections: OverrideRejection[] = []) {
    const app = new Hono();
    app.use(
      edgeflag({
        snapshot: (c) => under.service.store.read((p) => c.executionCtx.waitUntil(p)),
        secret: SIGNING_SECRET,
        overrideSecret: SECRET,
        onOverrideRejected: (reason) => rejections.push(reason),
        clock: () => under.now,
        anonymousCookie: false,
      }),
    );
    app.all('*', (c) => c.text(c.req.header('x-edgeflag') ?? ''));
    return async (headers: Record<string, string> = {}): Promise<string> => {
      const ctx = createExecutionContext();
      const response = await app.fetch(new Request('https://shop.example.com/page', { headers }), env, ctx);
      await waitOnExecutionContext(ctx);
      return response.text();
    };
  }

  it('forwards the overridden variant for a valid token and leaves non-overridable flags alone', async () => {
    const under = startEdgeflag({ env: { EDGEFLAG_OVERRIDE_SECRET: SECRET } });
    const flagsFor = proxied(under);
    expect(await flagsFor()).toContain('new-checkout=off');
    const forced = await flagsFor({ cookie: `edgeflag-override=${await token()}` });
    expect(forced).toContain('new-checkout=on');
    expect(forced).toContain('banner-text=long');
  });

  it('forwards the offVariant of a killed flag, even with a valid override token', async () => {
    await kill('new-checkout');
    const under = startEdgeflag({ env: { EDGEFLAG_OVERRIDE_SECRET: SECRET } });
    const flagsFor = proxied(under);
    expect(await flagsFor({ 'x-edgeflag-override': await token() })).toContain('new-checkout=off');
  });

  it('tells onOverrideRejected about each token it ignores', async () => {
    const rejections: OverrideRejection[] = [];
    const flagsFor = proxied(startEdgeflag(), rejections);
    expect(await flagsFor({ 'x-edgeflag-override': await token({ exp: T0 / 1000 - 60 }) })).toContain('new-checkout=off');
    expect(await flagsFor({ 'x-edgeflag-override': 'not.a-token!' })).toContain('new-checkout=off');
    expect(rejections).toEqual(['expired', 'malformed']);
  });
});
