import { reset } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import type { HealthReport } from '../../src/http/health-route.ts';
import { OTHER_SERVER_KEY, SERVER_KEY, startEdgeflag, T0 } from './harness.ts';
import { publish } from './kv-snapshots.ts';
import { sampleFlags } from './sample-flags.ts';

beforeEach(async () => {
  await reset();
});

describe('GET /_edgeflag/health', () => {
  it('answers 503 and says nothing is published yet before the first publish', async () => {
    const response = await startEdgeflag().health();
    expect(response.status).toBe(503);
    expect(response.headers.get('x-edgeflag-version')).toBe('none');
    expect(await response.json()).toEqual({
      status: 'unavailable',
      snapshot: null,
      refresh: { checkedAt: new Date(T0).toISOString(), cacheTtlSeconds: 5 },
      lastFault: null,
      middleware: { lastFault: null },
      killSwitches: { killed: [], readAt: new Date(T0).toISOString(), lastFault: null },
      overrides: { enabled: false, rejected: { malformed: 0, forged: 0, expired: 0, 'out-of-scope': 0 } },
      detail: 'nothing is published in EDGEFLAG_KV yet: run edgeflag publish',
    });
  });

  it('reports the version, its checksum, publish time and age, and when the store last checked KV', async () => {
    const envelope = await publish(sampleFlags, { version: 7, message: 'beta to 25%', publishedAt: '2026-07-01T11:00:00.000Z' });
    const edgeflag = startEdgeflag();
    await edgeflag.evaluate('new-checkout', {});
    edgeflag.advanceSeconds(2);
    const response = await edgeflag.health();
    expect(response.status).toBe(200);
    expect(response.headers.get('x-edgeflag-version')).toBe('7');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      status: 'ok',
      snapshot: {
        version: 7,
        checksum: envelope.checksum,
        publishedAt: '2026-07-01T11:00:00.000Z',
        ageSeconds: 3602,
        message: 'beta to 25%',
        loadedAt: new Date(T0).toISOString(),
        flags: 7,
        clientFlags: 5,
      },
      refresh: { checkedAt: new Date(T0).toISOString(), cacheTtlSeconds: 5 },
      lastFault: null,
      middleware: { lastFault: null },
      killSwitches: { killed: [], readAt: new Date(T0).toISOString(), lastFault: null },
      overrides: { enabled: false, rejected: { malformed: 0, forged: 0, expired: 0, 'out-of-scope': 0 } },
    });
  });

  it('shows nothing secret: no server key appears in it', async () => {
    await publish(sampleFlags, { version: 1 });
    const text = await (await startEdgeflag().health()).text();
    expect(text).not.toContain(SERVER_KEY);
    expect(text).not.toContain(OTHER_SERVER_KEY);
    expect(text).not.toContain('EDGEFLAG_SERVER_KEYS');
  });
});

describe('everything else', () => {
  it('answers other paths with 404 and a JSON body, carrying the snapshot version', async () => {
    await publish(sampleFlags, { version: 3 });
    const response = await startEdgeflag().fetch('/some/page');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errorCode: 'GENERAL', errorDetails: 'edgeflag serves nothing at GET /some/page' });
    expect(response.headers.get('x-edgeflag-version')).toBe('3');
  });

  it('answers an unknown path under /_edgeflag/ with 404', async () => {
    const response = await startEdgeflag().fetch('/_edgeflag/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('x-edgeflag-version')).toBe('none');
  });
});
