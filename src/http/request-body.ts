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

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * The request body as text, refused with 413 once it passes MAX_BODY_BYTES: first by its
 * Content-Length, then by counting what is actually read (a chunked body declares no length).
 *
 * @example const text = await readBodyText(c.req.raw, 'beta');
 */
export async function readBodyText(request: Request, key: string | undefined): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) throw tooLarge(key);
  if (request.body === null) return '';
  const reader = request.body.getReader();
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
  try {
    return utf8.decode(concat(chunks, size));
  } catch {
    throw new OfrepError(400, 'PARSE_ERROR', 'the request body is not UTF-8 text: send JSON', { key });
  }
}
