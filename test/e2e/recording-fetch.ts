/** One bulk-evaluation exchange as the provider saw it. */
export interface Exchange {
  readonly url: string;
  /** The request body (the OFREP context) as sent. */
  readonly body: string;
  /** The If-None-Match the provider sent, or null. */
  readonly ifNoneMatch: string | null;
  readonly status: number;
  readonly etag: string | null;
}

/**
 * The real `fetch`, recording each exchange, for providers that accept a `fetchImplementation`:
 * it changes nothing, it only lets a test see which requests were conditional and what came back.
 *
 * @example const recorder = recordingFetch(); new OFREPWebProvider({ baseUrl, fetchImplementation: recorder.fetch });
 */
export function recordingFetch(): { fetch: typeof fetch; exchanges: Exchange[] } {
  const exchanges: Exchange[] = [];
  const recording: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const body = await request.clone().text();
    const response = await fetch(request);
    exchanges.push({
      url: request.url,
      body,
      ifNoneMatch: request.headers.get('if-none-match'),
      status: response.status,
      etag: response.headers.get('etag'),
    });
    return response;
  };
  return { fetch: recording, exchanges };
}
