// Tester overrides through the default Worker's proxy: the bundled Worker in workerd (miniflare) in
// front of a real origin on 127.0.0.1, tokens minted with the same code `edgeflag override` uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OverridePayload } from '../../src/crypto/override-token.ts';
import { signOverrideToken } from '../../src/crypto/override-token.ts';
import { edgeflagVerifier } from '../../src/crypto/verify.ts';
import type { FlagDocument } from '../../src/engine/index.ts';
import type { HealthReport } from '../../src/http/health-route.ts';
import type { EdgeUnderTest } from './edge-under-test.ts';
import { startEdge } from './edge-under-test.ts';
import { edgeFlags } from './edge-flags.ts';
import type { RecordingOrigin } from './recording-origin.ts';
import { startRecordingOrigin } from './recording-origin.ts';

const SIGNING_SECRET = 'override-proxy-signing-secret-0123456789';
const OVERRIDE_SECRET = 'override-proxy-override-secret-0123456789';

/** The proxy flags with tenant-beta open to tester overrides; germany-only stays closed. */
const flags: FlagDocument = {
  ...edgeFlags,
  flags: { ...edgeFlags.flags, 'tenant-beta': { ...edgeFlags.flags['tenant-beta']!, overridable: true } },
};

let origin: RecordingOrigin;
let edge: EdgeUnderTest;

beforeAll(async () => {
  origin = await startRecordingOrigin();
  edge = await startEdge([
    {
      name: 'edge',
      host: 'shop.test',
      kv: 'flags',
      vars: {
        EDGEFLAG_ORIGIN: origin.url,
        EDGEFLAG_SIGNING_SECRET: SIGNING_SECRET,
        EDGEFLAG_OVERRIDE_SECRET: OVERRIDE_SECRET,
        EDGEFLAG_TENANT_FROM: 'subdomain:shop.test',
      },
    },
  ]);
  await edge.publish('flags', flags, 4);
}, 60_000);

afterAll(async () => {
  await edge?.dispose();
  await origin?.close();
});

function token(payload: Partial<OverridePayload> = {}, secret = OVERRIDE_SECRET): Promise<string> {
  const exp = Math.floor(Date.now() / 1000) + 600;
  return signOverrideToken({ v: 1, flags: { 'tenant-beta': 'on', 'germany-only': 'on' }, exp, tester: 'ana', ...payload }, secret);
}

/** The flags the origin received on `path`, checked with edgeflag/verify: a forced variant is signed like any other. */
async function flagsAtOrigin(path: string): Promise<Record<string, string>> {
  const received = origin.last(path);
  const verify = edgeflagVerifier({ secret: SIGNING_SECRET, host: String(received.headers['x-forwarded-host']) });
  const result = await verify({ method: received.method, path: received.url, headers: received.headers });
  if (!result.ok) throw new Error(`the origin's flags did not verify: ${result.reason}`);
  return result.flags;
}

async function rejected(): Promise<HealthReport['overrides']['rejected']> {
  return (await (await edge.fetch('https://shop.test/_edgeflag/health')).json<HealthReport>()).overrides.rejected;
}

describe('tester overrides through the header-injecting proxy', () => {
  it('a token in the edgeflag-override cookie forces an overridable flag in the signed headers the origin gets', async () => {
    await edge.fetch('https://shop.test/plain');
    expect(await flagsAtOrigin('/plain')).toMatchObject({ 'tenant-beta': 'off' });
    await edge.fetch('https://shop.test/forced', { headers: { cookie: `theme=dark; edgeflag-override=${await token()}` } });
    expect(await flagsAtOrigin('/forced')).toMatchObject({ 'tenant-beta': 'on', 'germany-only': 'off' });
  });

  it('a token in the x-edgeflag-override header works the same, and neither the header nor the cookie reaches the origin', async () => {
    const value = await token();
    await edge.fetch('https://shop.test/by-header', { headers: { 'x-edgeflag-override': value, cookie: `edgeflag-override=${value}; theme=dark` } });
    expect(await flagsAtOrigin('/by-header')).toMatchObject({ 'tenant-beta': 'on' });
    const received = origin.last('/by-header');
    expect(received.headers['x-edgeflag-override']).toBeUndefined();
    expect(received.headers.cookie).toBe('theme=dark');
    expect(JSON.stringify(received.headers)).not.toContain(value);
  });

  it('applies a tenant-scoped token on its tenant\'s host only', async () => {
    const scoped = await token({ tenant: 'acme' });
    await edge.fetch('https://acme.shop.test/scoped', { headers: { 'x-edgeflag-override': scoped } });
    expect(await flagsAtOrigin('/scoped')).toMatchObject({ 'tenant-beta': 'on' });
    const before = (await rejected())['out-of-scope'];
    await edge.fetch('https://globex.shop.test/other-tenant', { headers: { 'x-edgeflag-override': scoped } });
    expect(await flagsAtOrigin('/other-tenant')).toMatchObject({ 'tenant-beta': 'off' });
    expect((await rejected())['out-of-scope']).toBe(before + 1);
  });

  it('ignores forged and expired tokens, forwards the request anyway, and counts them in health', async () => {
    const before = await rejected();
    const forged = await token({}, 'someone-elses-secret-0123456789abcdefgh');
    const expired = await token({ exp: Math.floor(Date.now() / 1000) - 1 });
    expect((await edge.fetch('https://shop.test/forged', { headers: { cookie: `edgeflag-override=${forged}` } })).status).toBe(200);
    expect(await flagsAtOrigin('/forged')).toMatchObject({ 'tenant-beta': 'off' });
    expect((await edge.fetch('https://shop.test/expired', { headers: { 'x-edgeflag-override': expired } })).status).toBe(200);
    expect(await flagsAtOrigin('/expired')).toMatchObject({ 'tenant-beta': 'off' });
    const after = await rejected();
    expect(after.forged).toBe(before.forged + 1);
    expect(after.expired).toBe(before.expired + 1);
  });
});
