import { reset } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { HealthReport } from '../../src/http/health-route.ts';
import type { KvReader } from '../../src/store/index.ts';
import { killKey } from '../../src/store/index.ts';
import type { EdgeflagUnderTest } from './harness.ts';
import { startEdgeflag, T0, withServerKey } from './harness.ts';
import { kill, revive } from './kv-kills.ts';
import { publish } from './kv-snapshots.ts';
import { sampleFlags } from './sample-flags.ts';

beforeEach(async () => {
  await reset();
});

/** Local KV that counts the `list` calls made through it. */
function countingLists(): { kv: KvReader; lists: { count: number } } {
  const lists = { count: 0 };
  const kv: KvReader = {
    get: (key, options) => env.EDGEFLAG_KV.get(key, options),
    list: (options) => {
      lists.count += 1;
      return env.EDGEFLAG_KV.list(options);
    },
  };
  return { kv, lists };
}

/** Lets the TTL pass; the first request refreshes in the background, so the next one sees KV's state. */
async function afterRefresh(edgeflag: EdgeflagUnderTest): Promise<void> {
  edgeflag.advanceSeconds(5);
  await edgeflag.health();
}

async function reasonOf(edgeflag: EdgeflagUnderTest, key: string, context: unknown = { targetingKey: 'u-1' }): Promise<unknown> {
  return (await edgeflag.evaluate(key, context, withServerKey)).json();
}

describe('kill switches in the Worker', () => {
  it('serves a killed flag\'s offVariant with reason DISABLED, before its targets, without a publish', async () => {
    await publish(sampleFlags, { version: 1 });
    const edgeflag = startEdgeflag();
    expect(await reasonOf(edgeflag, 'new-checkout')).toMatchObject({ variant: 'on', reason: 'TARGETING_MATCH' });
    await kill('new-checkout');
    await afterRefresh(edgeflag);
    expect(await reasonOf(edgeflag, 'new-checkout')).toMatchObject({ variant: 'off', value: false, reason: 'DISABLED' });
    expect(await reasonOf(edgeflag, 'banner-text')).toMatchObject({ reason: 'STATIC' });
  });

  it('picks kills up with the pointer, once per cache TTL, not on every request', async () => {
    await publish(sampleFlags, { version: 1 });
    const { kv, lists } = countingLists();
    const edgeflag = startEdgeflag({ kv });
    for (let request = 0; request < 4; request++) await reasonOf(edgeflag, 'new-checkout');
    expect(lists.count).toBe(1);
    await kill('new-checkout');
    expect(await reasonOf(edgeflag, 'new-checkout')).toMatchObject({ reason: 'TARGETING_MATCH' });
    await afterRefresh(edgeflag);
    expect(lists.count).toBe(2);
    expect(await reasonOf(edgeflag, 'new-checkout')).toMatchObject({ reason: 'DISABLED' });
  });

  it('lists the kill records only when kills:changed moved, for a minute after, and every five minutes', async () => {
    await publish(sampleFlags, { version: 1 });
    const { kv, lists } = countingLists();
    const edgeflag = startEdgeflag({ kv });
    await edgeflag.health();
    for (let refresh = 0; refresh < 10; refresh++) await afterRefresh(edgeflag);
    expect(lists.count).toBe(1);
    await kill('new-checkout');
    await afterRefresh(edgeflag);
    expect(lists.count).toBe(2);
    // KV's list may lag behind the stamp: it is listed again on each refresh of the next minute.
    for (let refresh = 0; refresh < 12; refresh++) await afterRefresh(edgeflag);
    const settled = lists.count;
    expect(settled).toBeGreaterThanOrEqual(13);
    for (let refresh = 0; refresh < 10; refresh++) await afterRefresh(edgeflag);
    expect(lists.count).toBe(settled);
    edgeflag.advanceSeconds(300);
    await edgeflag.health();
    await afterRefresh(edgeflag);
    expect(lists.count).toBe(settled + 1);
    expect(await reasonOf(edgeflag, 'new-checkout')).toMatchObject({ reason: 'DISABLED' });
  });

  it('a revived flag is evaluated normally again after the next refresh', async () => {
    await publish(sampleFlags, { version: 1 });
    await kill('new-checkout');
    const edgeflag = startEdgeflag();
    expect(await reasonOf(edgeflag, 'new-checkout')).toMatchObject({ reason: 'DISABLED' });
    await revive('new-checkout');
    await afterRefresh(edgeflag);
    expect(await reasonOf(edgeflag, 'new-checkout')).toMatchObject({ reason: 'TARGETING_MATCH' });
  });

  it('keeps a kill through a new published version', async () => {
    await publish(sampleFlags, { version: 1 });
    await kill('banner-text');
    const edgeflag = startEdgeflag();
    await publish(sampleFlags, { version: 2, message: 'republished' });
    await afterRefresh(edgeflag);
    const response = await edgeflag.evaluate('banner-text', {});
    expect(response.headers.get('x-edgeflag-version')).toBe('2');
    expect(await response.json()).toMatchObject({ reason: 'DISABLED' });
  });

  it('keeps serving the kills it has when reading them fails, and says so in health', async () => {
    await publish(sampleFlags, { version: 1 });
    await kill('new-checkout', 'ana', 'errors on /pay');
    let failing = false;
    const kv: KvReader = {
      get: (key, options) => env.EDGEFLAG_KV.get(key, options),
      list: (options) => (failing ? Promise.reject(new Error('KV list unavailable')) : env.EDGEFLAG_KV.list(options)),
    };
    const edgeflag = startEdgeflag({ kv });
    expect(await reasonOf(edgeflag, 'new-checkout')).toMatchObject({ reason: 'DISABLED' });
    failing = true;
    await kill('theme');
    await afterRefresh(edgeflag);
    expect(await reasonOf(edgeflag, 'new-checkout')).toMatchObject({ reason: 'DISABLED' });
    const report = await (await edgeflag.health()).json<HealthReport>();
    expect(report.status).toBe('degraded');
    expect(report.killSwitches.lastFault?.message).toContain('KV list unavailable');
    expect(report.killSwitches.killed).toEqual([{ flag: 'new-checkout', by: 'ana', at: '2026-07-01T12:00:01.000Z', reason: 'errors on /pay' }]);
  });

  it('health lists every killed flag with who, when and why', async () => {
    await publish(sampleFlags, { version: 1 });
    await kill('theme', 'ben', 'contrast bug');
    await env.EDGEFLAG_KV.put(killKey('max-items'), 'set by hand');
    const report = await (await startEdgeflag().health()).json<HealthReport>();
    expect(report.status).toBe('ok');
    expect(report.killSwitches).toEqual({
      killed: [
        { flag: 'max-items', by: null, at: null, reason: null },
        { flag: 'theme', by: 'ben', at: '2026-07-01T12:00:01.000Z', reason: 'contrast bug' },
      ],
      readAt: new Date(T0).toISOString(),
      lastFault: null,
    });
  });

  it('a kill changes the bulk answer and its ETag, so a client holding the old ETag gets the new flags', async () => {
    await publish(sampleFlags, { version: 1 });
    const edgeflag = startEdgeflag();
    const before = await edgeflag.bulk({ targetingKey: 'u-1' });
    const etag = before.headers.get('etag')!;
    await kill('new-checkout');
    await afterRefresh(edgeflag);
    const after = await edgeflag.bulk({ targetingKey: 'u-1' }, { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    const body = await after.json<{ flags: { key: string; reason: string }[] }>();
    expect(body.flags.find((flag) => flag.key === 'new-checkout')).toMatchObject({ reason: 'DISABLED' });
  });
});
