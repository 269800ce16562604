import { reset } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { HealthReport } from '../../src/http/health-route.ts';
import type { KvReader } from '../../src/store/index.ts';
import { POINTER_KEY, versionKey } from '../../src/store/index.ts';
import type { EdgeflagUnderTest } from './harness.ts';
import { startEdgeflag } from './harness.ts';
import { envelopeOf, pointTo, publish, publishRaw } from './kv-snapshots.ts';
import { sampleFlags } from './sample-flags.ts';

beforeEach(async () => {
  await reset();
});

/** Version 1 is loaded and serving; the test then breaks something and lets the TTL pass. */
async function servingVersionOne(kv?: KvReader): Promise<EdgeflagUnderTest> {
  await publish(sampleFlags, { version: 1 });
  const edgeflag = startEdgeflag(kv === undefined ? {} : { kv });
  expect((await edgeflag.evaluate('new-checkout', { targetingKey: 'u-1' })).status).toBe(200);
  return edgeflag;
}

/** Lets the TTL pass and sends the request that starts the refresh (served from version 1). */
async function refresh(edgeflag: EdgeflagUnderTest): Promise<void> {
  edgeflag.advanceSeconds(5);
  await edgeflag.evaluate('new-checkout', { targetingKey: 'u-1' });
}

async function expectStillServingVersionOne(edgeflag: EdgeflagUnderTest): Promise<HealthReport> {
  const response = await edgeflag.evaluate('new-checkout', { targetingKey: 'u-1' });
  expect(response.status).toBe(200);
  expect(response.headers.get('x-edgeflag-version')).toBe('1');
  expect(await response.json()).toMatchObject({ value: true, reason: 'TARGETING_MATCH' });
  const health = await edgeflag.health();
  expect(health.status).toBe(200);
  const report = await health.json<HealthReport>();
  expect(report.status).toBe('degraded');
  expect(report.snapshot?.version).toBe(1);
  return report;
}

describe('a refresh that fails keeps the last known good snapshot', () => {
  it('keeps serving when reading KV throws, and health says KV failed and when', async () => {
    let failing = false;
    const kv: KvReader = {
      get(key, options) {
        if (failing) return Promise.reject(new Error('KV GET failed: 503 Service Unavailable'));
        return env.EDGEFLAG_KV.get(key, options);
      },
    };
    const edgeflag = await servingVersionOne(kv);
    failing = true;
    await refresh(edgeflag);
    const report = await expectStillServingVersionOne(edgeflag);
    expect(report.lastFault).toEqual({
      kind: 'kv-read-failed',
      message: `reading ${POINTER_KEY} from KV failed: KV GET failed: 503 Service Unavailable (still serving version 1)`,
      at: new Date(edgeflag.now).toISOString(),
    });

    failing = false;
    await refresh(edgeflag);
    const recovered = await (await edgeflag.health()).json<HealthReport>();
    expect(recovered.status).toBe('ok');
    expect(recovered.lastFault?.kind).toBe('kv-read-failed');
  });

  it('keeps serving when the pointer names a version that is not in KV, and loads it once it appears', async () => {
    const edgeflag = await servingVersionOne();
    const next = await envelopeOf(sampleFlags, { version: 2 });
    await pointTo(2, next.checksum);
    await refresh(edgeflag);
    const report = await expectStillServingVersionOne(edgeflag);
    expect(report.lastFault).toMatchObject({ kind: 'version-missing', version: 2 });
    expect(report.lastFault?.message).toContain(`${versionKey(2)} is not in KV`);

    await env.EDGEFLAG_KV.put(versionKey(2), JSON.stringify(next));
    await refresh(edgeflag);
    expect((await edgeflag.evaluate('new-checkout', {})).headers.get('x-edgeflag-version')).toBe('2');
  });

  it('keeps serving when the version is corrupt JSON, and does not fetch it again', async () => {
    const reads: string[] = [];
    const kv: KvReader = {
      get(key, options) {
        reads.push(key);
        return env.EDGEFLAG_KV.get(key, options);
      },
    };
    const edgeflag = await servingVersionOne(kv);
    await publishRaw(2, '{"format":1,"version":2,"flags":{');
    await refresh(edgeflag);
    const report = await expectStillServingVersionOne(edgeflag);
    expect(report.lastFault).toMatchObject({ kind: 'snapshot-corrupt', version: 2 });
    expect(report.lastFault?.message).toContain(`${versionKey(2)} is not valid JSON`);

    await refresh(edgeflag);
    expect(reads.filter((key) => key === versionKey(2))).toHaveLength(1);
  });

  it('keeps serving when the version has a format this Worker does not know, saying which to deploy', async () => {
    const edgeflag = await servingVersionOne();
    const future = { ...(await envelopeOf(sampleFlags, { version: 2 })), format: 2 };
    await publishRaw(2, JSON.stringify(future), future.checksum);
    await refresh(edgeflag);
    const report = await expectStillServingVersionOne(edgeflag);
    expect(report.lastFault).toMatchObject({ kind: 'format-unknown', version: 2 });
    expect(report.lastFault?.message).toContain('has snapshot format 2, this Worker reads format 1');
  });

  it('keeps serving when the version fails validation, naming the place of the fault', async () => {
    const edgeflag = await servingVersionOne();
    const broken = structuredClone(sampleFlags);
    broken.flags['banner-text']!.defaultVariant = 'medium';
    await publish(broken, { version: 2 });
    await refresh(edgeflag);
    const report = await expectStillServingVersionOne(edgeflag);
    expect(report.lastFault).toMatchObject({ kind: 'validation-failed', version: 2 });
    expect(report.lastFault?.message).toContain('banner-text');
    expect(report.lastFault?.message).toContain('edgeflag validate');
  });

  it('keeps serving when the version does not hash to the checksum the pointer promised', async () => {
    const edgeflag = await servingVersionOne();
    const envelope = await envelopeOf(sampleFlags, { version: 2 });
    const tampered = { ...envelope, flags: { ...envelope.flags, extra: { client: true, defaultVariant: 'on' } } };
    await publishRaw(2, JSON.stringify(tampered), envelope.checksum);
    await refresh(edgeflag);
    const report = await expectStillServingVersionOne(edgeflag);
    expect(report.lastFault).toMatchObject({ kind: 'checksum-mismatch', version: 2 });
  });

  it('keeps serving when the pointer is not a pointer', async () => {
    const edgeflag = await servingVersionOne();
    await env.EDGEFLAG_KV.put(POINTER_KEY, 'version 2 please');
    await refresh(edgeflag);
    const report = await expectStillServingVersionOne(edgeflag);
    expect(report.lastFault?.kind).toBe('pointer-invalid');
  });

  it('keeps serving when the pointer is deleted', async () => {
    const edgeflag = await servingVersionOne();
    await env.EDGEFLAG_KV.delete(POINTER_KEY);
    await refresh(edgeflag);
    const report = await expectStillServingVersionOne(edgeflag);
    expect(report.lastFault?.kind).toBe('pointer-missing');
  });
});

describe('with no good snapshot at all', () => {
  it('answers FLAG_NOT_FOUND and health 503 with the fault when the only version is invalid', async () => {
    const broken = structuredClone(sampleFlags);
    broken.flags['banner-text']!.defaultVariant = 'medium';
    await publish(broken, { version: 1 });
    const edgeflag = startEdgeflag();
    const response = await edgeflag.evaluate('banner-text', {});
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ errorCode: 'FLAG_NOT_FOUND' });
    const bulk = await edgeflag.bulk({});
    expect(await bulk.json()).toEqual({ flags: [] });
    const health = await edgeflag.health();
    expect(health.status).toBe(503);
    const report = await health.json<HealthReport>();
    expect(report.status).toBe('unavailable');
    expect(report.lastFault?.kind).toBe('validation-failed');
    expect(report.lastFault?.message).toContain('no snapshot is loaded');
  });

  it('answers FLAG_NOT_FOUND when KV fails before anything loaded', async () => {
    const kv: KvReader = { get: () => Promise.reject(new Error('KV unavailable')) };
    const edgeflag = startEdgeflag({ kv });
    expect((await edgeflag.evaluate('new-checkout', {})).status).toBe(404);
    const report = await (await edgeflag.health()).json<HealthReport>();
    expect(report.lastFault?.kind).toBe('kv-read-failed');
    expect(edgeflag.faults.map((fault) => fault.kind)).toEqual(['kv-read-failed']);
  });
});
