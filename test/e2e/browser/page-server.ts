import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const APP = fileURLToPath(new URL('./flag-page-app.ts', import.meta.url));

const PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>edgeflag e2e</title></head>
  <body><script type="module" src="/app.js"></script></body>
</html>`;

/** A page on its own loopback origin that loads the web SDK bundle. */
export interface PageServer {
  readonly origin: string;
  stop(): Promise<void>;
}

/**
 * Bundles the page's script with esbuild (as an app would) and serves it on 127.0.0.1.
 *
 * @example const page = await startPageServer(); await browserPage.goto(`${page.origin}/?worker=${worker.baseUrl}`);
 */
export async function startPageServer(): Promise<PageServer> {
  const bundled = await build({ entryPoints: [APP], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false });
  const script = bundled.outputFiles[0]!.text;
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://page').pathname;
    if (path === '/app.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else if (path === '/') response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    else if (path === '/favicon.ico') response.writeHead(204).end();
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the page server has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
