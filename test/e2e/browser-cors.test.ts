// The web provider in real Chromium, on a page served from another origin than the Worker: what
// CORS must allow (the preflight for If-None-Match) and expose (ETag) for the provider to work.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PageResult } from './browser/flag-page-app.ts';
import type { PageServer } from './browser/page-server.ts';
import { startPageServer } from './browser/page-server.ts';
import { publishFixture } from './edgeflag-cli.ts';
import type { RunningWorker } from './wrangler-dev.ts';
import { startWorker } from './wrangler-dev.ts';

const CHROMIUM = '/usr/bin/chromium';
const BULK_PATH = '/ofrep/v1/evaluate/flags';

describe('the OFREP web provider in Chromium, on a page from another origin', { timeout: 60_000 }, () => {
  let persistTo: string;
  let page: PageServer;
  let worker: RunningWorker;
  let browser: Browser;

  beforeAll(async () => {
    persistTo = await mkdtemp(join(tmpdir(), 'edgeflag-e2e-browser-'));
    await publishFixture('flags-v1', persistTo);
    page = await startPageServer();
    // Only the page's origin is allowed, as a production configuration would list its sites.
    worker = await startWorker({ persistTo, vars: { EDGEFLAG_CORS_ORIGINS: page.origin } });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
    await page?.stop();
    await rm(persistTo, { recursive: true, force: true });
  });

  it('reads a client flag across origins, and its polls send the exposed ETag back and get 304', async () => {
    const tab = await (await browser.newContext()).newPage();
    const problems: string[] = [];
    tab.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    tab.on('pageerror', (error) => problems.push(error.message));
    const polls: { ifNoneMatch: string | undefined; status: number | undefined }[] = [];
    tab.on('requestfinished', (request) => {
      if (request.method() !== 'POST' || new URL(request.url()).pathname !== BULK_PATH) return;
      void Promise.all([request.allHeaders(), request.response()]).then(([headers, response]) =>
        polls.push({ ifNoneMatch: headers['if-none-match'], status: response?.status() }),
      );
    });

    await tab.goto(`${page.origin}/?worker=${encodeURIComponent(worker.baseUrl)}`);
    await tab.waitForFunction(() => (globalThis as { edgeflagResult?: unknown }).edgeflagResult !== undefined, null, { timeout: 20_000 });
    const result = await tab.evaluate(() => (globalThis as { edgeflagResult?: PageResult }).edgeflagResult);

    expect(problems).toEqual([]);
    expect(result).toMatchObject({ value: 'Happy holidays', reason: 'TARGETING_MATCH' });
    expect(result?.errorCode).toBeUndefined();
    // If-None-Match is not CORS-safelisted (a preflight must allow it) and the provider only has
    // an ETag to send if Access-Control-Expose-Headers lists it.
    await vi.waitFor(() => expect(polls.some((poll) => poll.ifNoneMatch !== undefined && poll.status === 304)).toBe(true), {
      timeout: 15_000,
      interval: 100,
    });
  });
});
