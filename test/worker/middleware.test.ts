import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { edgeflagVerifier } from '../../src/crypto/verify.ts';
import type { FlagDocument } from '../../src/engine/index.ts';
import { compile } from '../../src/engine/index.ts';
import type { MiddlewareFault } from '../../src/middleware/index.ts';
import { edgeflag } from '../../src/middleware/index.ts';

const SECRET = 'in-process-signing-secret-0123456789';

const flags: FlagDocument = {
  flags: {
    'germany-only': {
      defaultVariant: 'off',
      rules: [{ name: 'Germany', when: [{ attribute: 'country', op: 'in', values: ['DE'] }], variant: 'on' }],
    },
    'pro-plan': {
      defaultVariant: 'off',
      rules: [{ name: 'pro', when: [{ attribute: 'plan', op: 'eq', value: 'pro' }], variant: 'on' }],
    },
    greeting: { client: true, variants: { hello: 'Hello', hi: 'Hi' }, defaultVariant: 'hi' },
  },
};
const loaded = { version: 5, snapshot: compile(flags) };

interface Seen {
  readonly upstream: Record<string, string>;
  readonly germany: string | undefined;
  readonly forwarded: boolean;
  readonly version: number | undefined;
}

/** An app whose handler reports what it received: the request headers and `c.get('edgeflag')`. */
function appWith(options: Partial<Parameters<typeof edgeflag>[0]> = {}): Hono {
  const app = new Hono();
  app.use(edgeflag({ snapshot: () => loaded, secret: SECRET, ...options }));
  app.all('*', (c) => {
    const seen: Seen = {
      upstream: Object.fromEntries(c.req.raw.headers),
      // Typed through ContextVariableMap: no cast needed.
      germany: c.get('edgeflag').variant('germany-only'),
      forwarded: c.get('edgeflag').forwarded,
      version: c.get('edgeflag').version,
    };
    return c.json(seen);
  });
  return app;
}

async function seen(app: Hono, init: RequestInit & { cf?: Record<string, unknown> } = {}, path = '/page'): Promise<Seen> {
  const response = await app.request(new Request(`https://app.example.com${path}`, init as RequestInit));
  return response.json();
}

describe('edgeflag() in a Hono app', () => {
  it('gives later handlers the evaluated flags through c.get', async () => {
    const result = await seen(appWith(), { cf: { country: 'DE' } } as RequestInit);
    expect(result).toMatchObject({ germany: 'on', forwarded: true, version: 5 });
  });

  it('replaces the request later handlers see: spoofed headers gone, signed ones in', async () => {
    const result = await seen(appWith(), { headers: { 'x-edgeflag': 'germany-only=on', 'x-edgeflag-extra': 'x' } });
    expect(result.upstream['x-edgeflag-extra']).toBeUndefined();
    expect(result.upstream['x-edgeflag']).toBe('germany-only=off, pro-plan=off, greeting=hi');
    const verify = edgeflagVerifier({ secret: SECRET, host: 'app.example.com' });
    expect(await verify({ method: 'GET', path: '/page', headers: result.upstream })).toMatchObject({ ok: true, version: 5 });
  });

  it('lets the app add attributes, but never the edge\'s own: country stays what request.cf says', async () => {
    const app = appWith({ attributes: (c) => ({ plan: c.req.header('x-plan'), country: c.req.header('x-country') }) });
    const result = await seen(app, { headers: { 'x-plan': 'pro', 'x-country': 'DE' }, cf: { country: 'US' } } as RequestInit);
    expect(result.germany).toBe('off');
    expect(result.upstream['x-edgeflag']).toContain('pro-plan=on');
  });

  it('forwards only the listed flags when given a list', async () => {
    const result = await seen(appWith({ flags: ['greeting'] }));
    expect(result.upstream['x-edgeflag']).toBe('greeting=hi');
  });

  const failing = (message: string) => () => {
    throw new Error(message);
  };

  it.each([
    ['the snapshot cannot be read', { snapshot: failing('KV is down') }, 'snapshot-failed', 'KV is down'],
    ['the app\'s own attributes fail', { attributes: failing('session store unavailable') }, 'context-failed', 'session store unavailable'],
  ] as const)('lets the request through without flag headers when %s, and reports why', async (_, failure, kind, message) => {
    const faults: MiddlewareFault[] = [];
    const app = appWith({ ...failure, onFault: (fault) => faults.push(fault) });
    const response = await app.request(new Request('https://app.example.com/page', { headers: { 'x-edgeflag': 'germany-only=on' } }));
    expect(response.status).toBe(200);
    const result = await response.json<Seen>();
    expect(result.forwarded).toBe(false);
    expect(result.version).toBeUndefined();
    expect(result.germany).toBeUndefined();
    expect(Object.keys(result.upstream).filter((name) => name.startsWith('x-edgeflag'))).toEqual([]);
    expect(faults).toEqual([expect.objectContaining({ kind, message: expect.stringContaining(message) })]);
  });

  it('reports once per snapshot version that a listed flag does not exist', async () => {
    const faults: MiddlewareFault[] = [];
    const app = appWith({ flags: ['greeting', 'no-such-flag'], onFault: (fault) => faults.push(fault) });
    await seen(app);
    await seen(app);
    expect(faults).toEqual([expect.objectContaining({ kind: 'flags-missing', message: expect.stringContaining('no-such-flag') })]);
  });

  it('sets no anonymous cookie when told not to', async () => {
    const response = await appWith({ anonymousCookie: false }).request('https://app.example.com/page');
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('marks a response no-store when asked to, and leaves Cache-Control alone when told to', async () => {
    expect((await appWith({ cacheControl: 'no-store' }).request('https://app.example.com/page')).headers.get('cache-control')).toBe('no-store');
    expect((await appWith({ cacheControl: false }).request('https://app.example.com/page')).headers.get('cache-control')).toBeNull();
  });
});
