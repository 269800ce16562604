// The official server-side OpenFeature stack (@openfeature/server-sdk + @openfeature/ofrep-provider)
// against the Worker in `wrangler dev`, serving flags published by `edgeflag publish --local`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OFREPProvider } from '@openfeature/ofrep-provider';
import type { Client } from '@openfeature/server-sdk';
import { OpenFeature } from '@openfeature/server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishFixture } from './edgeflag-cli.ts';
import type { RunningWorker } from './wrangler-dev.ts';
import { E2E_SERVER_KEY, startWorker } from './wrangler-dev.ts';

describe('@openfeature/server-sdk with the OFREP provider against wrangler dev', { timeout: 30_000 }, () => {
  let persistTo: string;
  let worker: RunningWorker;
  /** Sends the server key: sees every flag. */
  let server: Client;
  /** Sends no key: sees client flags only. */
  let anonymous: Client;

  beforeAll(async () => {
    persistTo = await mkdtemp(join(tmpdir(), 'edgeflag-e2e-server-'));
    await publishFixture('flags-v1', persistTo);
    worker = await startWorker({ persistTo });
    await OpenFeature.setProviderAndWait(
      'server',
      new OFREPProvider({ baseUrl: worker.baseUrl, headers: [['Authorization', `Bearer ${E2E_SERVER_KEY}`]] }),
    );
    await OpenFeature.setProviderAndWait('anonymous', new OFREPProvider({ baseUrl: worker.baseUrl }));
    server = OpenFeature.getClient('server');
    anonymous = OpenFeature.getClient('anonymous');
  }, 90_000);

  afterAll(async () => {
    await OpenFeature.close();
    await worker?.stop();
    await rm(persistTo, { recursive: true, force: true });
  });

  it('serves a targeted boolean with its variant, reason TARGETING_MATCH and the rule name', async () => {
    const details = await server.getBooleanDetails('new-checkout', false, { targetingKey: 'u-1', tenant: 'acme-internal' });
    expect(details).toMatchObject({ value: true, variant: 'on', reason: 'TARGETING_MATCH', flagMetadata: { rule: 'internal first' } });
    expect(details.errorCode).toBeUndefined();
  });

  it('serves defaultVariant with reason DEFAULT when no rule matches', async () => {
    const details = await server.getBooleanDetails('new-checkout', true, { targetingKey: 'u-1', tenant: 'globex' });
    expect(details).toMatchObject({ value: false, variant: 'off', reason: 'DEFAULT' });
  });

  it('serves string, number and object values with the types the flag file gives them', async () => {
    const text = await server.getStringDetails('banner-text', 'fallback', { targetingKey: 'u-festive' });
    expect(text).toMatchObject({ value: 'Happy holidays', variant: 'festive', reason: 'TARGETING_MATCH' });
    const large = await server.getNumberDetails('max-items', 0, { targetingKey: 'u-2', seats: 500 });
    expect(large).toMatchObject({ value: 50, variant: 'large', reason: 'TARGETING_MATCH' });
    const small = await server.getNumberDetails('max-items', 0, { targetingKey: 'u-2', seats: 5 });
    expect(small).toMatchObject({ value: 10, variant: 'small', reason: 'DEFAULT' });
    const theme = await server.getObjectDetails('theme', {}, { targetingKey: 'u-2' });
    expect(theme).toMatchObject({ value: { background: '#ffffff', text: '#111111' }, variant: 'light', reason: 'STATIC' });
    expect(theme.flagMetadata).toMatchObject({ owner: 'design-team' });
  });

  it('serves offVariant with reason DISABLED for a flag switched off', async () => {
    const details = await server.getStringDetails('retired-search', 'fallback', { targetingKey: 'u-3' });
    expect(details).toMatchObject({ value: 'legacy', variant: 'legacy', reason: 'DISABLED' });
  });

  it("returns the caller's default with FLAG_NOT_FOUND for a flag that does not exist", async () => {
    const details = await server.getBooleanDetails('no-such-flag', true, { targetingKey: 'u-1' });
    expect(details).toMatchObject({ value: true, reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' });
  });

  it("returns the caller's default with TYPE_MISMATCH when the flag holds another type", async () => {
    const details = await server.getNumberDetails('new-checkout', 7, { targetingKey: 'u-1' });
    expect(details).toMatchObject({ value: 7, reason: 'ERROR', errorCode: 'TYPE_MISMATCH' });
  });

  it("without a server key serves client flags and gives the caller's default for the others", async () => {
    const publicFlag = await anonymous.getBooleanDetails('new-checkout', false, { targetingKey: 'u-1', tenant: 'acme-internal' });
    expect(publicFlag).toMatchObject({ value: true, reason: 'TARGETING_MATCH' });
    const serverOnly = await anonymous.getNumberDetails('max-items', 3, { targetingKey: 'u-2', seats: 500 });
    expect(serverOnly.value).toBe(3);
    expect(serverOnly.reason).toBe('ERROR');
    expect(serverOnly.errorCode).toBeDefined();
  });
});
