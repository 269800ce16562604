import { env, exports } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { publish } from './kv-snapshots.ts';
import { sampleFlags } from './sample-flags.ts';

// The deployed entry point (src/worker.ts) with wrangler.toml's vars and the test's local KV.
it('serves published flags through the Worker entry point, with one store per isolate', async () => {
  await publish(sampleFlags, { version: 4 });
  const first = await exports.default.fetch('https://flags.example.com/ofrep/v1/evaluate/flags/new-checkout', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'https://any.example.org' },
    body: JSON.stringify({ context: { targetingKey: 'u-1' } }),
  });
  expect(first.status).toBe(200);
  expect(first.headers.get('x-edgeflag-version')).toBe('4');
  // wrangler.toml sets EDGEFLAG_CORS_ORIGINS = "*".
  expect(first.headers.get('access-control-allow-origin')).toBe('*');
  expect(await first.json()).toMatchObject({ key: 'new-checkout', value: true });

  const health = await exports.default.fetch('https://flags.example.com/_edgeflag/health');
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ status: 'ok', snapshot: { version: 4 }, refresh: { cacheTtlSeconds: 5 } });
  expect(env.EDGEFLAG_CACHE_TTL_SECONDS).toBe('5');
});
