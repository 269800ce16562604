import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';

/** One request as the origin received it. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** What the origin answers on one path, when the test wants more than the default 200 text. */
export interface OriginReply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export interface RecordingOrigin {
  readonly url: string;
  readonly received: ReceivedRequest[];
  /** Answers a path (query ignored) with this reply from now on. */
  reply(path: string, reply: OriginReply): void;
  /**
   * The last request the origin received on a path. Give each request a test reads back a path of
   * its own: one that never reached the origin then fails here instead of reading an earlier one.
   */
  last(path: string): ReceivedRequest;
  close(): Promise<void>;
}

/**
 * A real HTTP origin on 127.0.0.1 that records every request it gets (method, URL, headers, body)
 * and answers `ok` with no Cache-Control unless told otherwise.
 *
 * @example const origin = await startRecordingOrigin(); origin.reply('/page', { headers: { 'content-type': 'text/html' }, body: '<html>' });
 */
export async function startRecordingOrigin(): Promise<RecordingOrigin> {
  const received: ReceivedRequest[] = [];
  const replies = new Map<string, OriginReply>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = request.url ?? '/';
      received.push({ method: request.method ?? 'GET', url, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const reply = replies.get(url.split('?')[0]!) ?? {};
      response.writeHead(reply.status ?? 200, { 'content-type': 'text/plain', ...reply.headers });
      response.end(reply.body ?? 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    reply: (path, reply) => replies.set(path, reply),
    last(path) {
      const found = received.findLast((request) => request.url.split('?')[0] === path);
      if (found === undefined) throw new Error(`the origin received no request for ${path}; it saw ${received.map((r) => r.url).join(', ') || 'none'}`);
      return found;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
