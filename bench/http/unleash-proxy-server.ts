// Child process of `npm run bench:http`: @unleash/proxy serving the workload's toggles from
// bootstrap data. Its upstream is a closed loopback port, so it never reaches Unleash (or any
// network); it runs in its own process so it does not share an event loop with autocannon.
// argv: <toggles.json> <port> <client key>
import { readFileSync } from 'node:fs';
import { createApp } from '@unleash/proxy';
import type { LogLevel } from '@unleash/proxy/dist/logger';

const [togglesPath, port, clientKey] = process.argv.slice(2);
if (togglesPath === undefined || port === undefined || clientKey === undefined) {
  throw new Error('usage: unleash-proxy-server.ts <toggles.json> <port> <client key>');
}
const HOUR_MS = 3_600_000;
const app = createApp({
  unleashUrl: 'http://127.0.0.1:9/api/',
  unleashApiToken: 'bench-offline',
  clientKeys: [clientKey],
  expBootstrap: { data: JSON.parse(readFileSync(togglesPath, 'utf8')) },
  refreshInterval: HOUR_MS,
  metricsInterval: HOUR_MS,
  // LogLevel is a TypeScript enum whose values are these strings.
  logLevel: 'error' as LogLevel,
});
app.listen(Number(port), '127.0.0.1', () => process.stdout.write('listening\n'));
