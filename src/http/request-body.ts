import { OfrepError } from './ofrep-error.ts';
import { MAX_BODY_BYTES } from './limits.ts';

function tooLarge(key: string | undefined): OfrepError {
  return new OfrepError(413, 'INVALID_CONTEXT', `the request body is larger than ${MAX_BODY_BYTES} bytes: send a smaller context`, {
    key,
  });
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** A body without a length (chunked): read piece by piece, refused as soon as it passes the limit. */
async function readCounted(body: ReadableStream<Uint8Array>, key: string | undefined): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge(key);
    }
    chunks.push(value);
  }
  return concat(chunks, size);
}

// Bytes that are not UTF-8 become U+FFFD, as `Request.text()` reads them (the Encoding standard's
// "UTF-8 decode"), so both paths below read a body alike.
const utf8 = new TextDecoder('utf-8');

/** A Content-Length as RFC 9110 §8.6 writes it: decimal digits only. */
const DECIMAL = /^[0-9]+$/;

/**
 * The request body as text, refused with 413 once it passes MAX_BODY_BYTES: first by its
 * Content-Length, then by counting what is actually read (a chunked body declares no length).
 * A body with a Content-Length within the limit is read with one `text()`: the runtime frames a
 * received body by that length, and that one native call (reading and decoding together) costs
 * less CPU than `arrayBuffer()` plus a TextDecoder, or a reader loop's promise per chunk. That path
 * is a plain promise chain, not an async function: each async frame on the hot path is one more
 * promise to allocate and resume per request. Bytes that are not UTF-8 are read as U+FFFD, as
 * `Request.text()` reads them; the JSON parse then decides.
 *
 * @example const text = await readBodyText(c.req.raw, 'beta');
 */
export function readBodyText(request: Request, key: string | undefined): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) return Promise.reject(tooLarge(key));
  // `request.body` is not touched on this path: in workerd that getter builds a ReadableStream.
  if (declared !== null && DECIMAL.test(declared)) {
    return request.text().then((text) => {
      if (text.length > MAX_BODY_BYTES) throw tooLarge(key);
      return text;
    });
  }
  const body = request.body;
  if (body === null) return Promise.resolve('');
  return readCounted(body, key).then((bytes) => utf8.decode(bytes));
}
