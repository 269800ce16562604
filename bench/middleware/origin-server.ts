// The benchmark's origin, run in its own process so it does not share an event loop with
// autocannon: a Node HTTP server on 127.0.0.1 answering every path with the same 1 KB page, and
// /__echo with the request headers it received (for the preflight). Prints its port on stdout.
import { createServer } from 'node:http';

const PAGE = `<!doctype html><title>origin</title><p>${'x'.repeat(1000)}</p>`;

const server = createServer((request, response) => {
  if (request.url === '/__echo') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(request.headers));
    return;
  }
  response.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(PAGE.length) });
  response.end(PAGE);
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address !== null ? address.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
