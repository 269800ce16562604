/**
 * The `x-edgeflag-signature` request header, an RFC 9651 Dictionary:
 * `t=<seconds since the epoch>, v=<snapshot version>, sig=:<base64 HMAC-SHA256>:` (the signature is an
 * sf-binary, §3.3.5). Its fields, with the method, host and path of the request and the `x-edgeflag`
 * header, make the canonical string of canonical-string.ts.
 */

import { fromBase64, toBase64 } from './base64.ts';

/** The request header that carries the signature. */
export const SIGNATURE_HEADER = 'x-edgeflag-signature';

export interface SignatureFields {
  readonly timestamp: number;
  readonly version: number;
  readonly signature: Uint8Array;
}

/** HMAC-SHA256 output length in bytes. */
const SIGNATURE_BYTES = 32;

/** An sf-binary's content (RFC 9651 §3.3.5): padded base64, nothing else. */
function signatureBytes(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  return fromBase64(text);
}

/**
 * Serialises the signature header.
 *
 * @example formatSignatureHeader({ timestamp: 1767268800, version: 12, signature }) // 't=1767268800, v=12, sig=:3q2+7w…=:'
 */
export function formatSignatureHeader(fields: SignatureFields): string {
  return `t=${fields.timestamp}, v=${fields.version}, sig=:${toBase64(fields.signature)}:`;
}

// Exactly what formatSignatureHeader writes, allowing the optional whitespace RFC 9651 §4.2.2 allows.
const HEADER = /^ *t=(\d{1,15}),[ \t]*v=(\d{1,15}),[ \t]*sig=:([A-Za-z0-9+/=]+):[ \t]*$/;

/**
 * Reads the signature header, or undefined when it is not one the edge writes.
 *
 * @example parseSignatureHeader('t=1767268800, v=12, sig=:…:')?.version // 12
 */
export function parseSignatureHeader(text: string): SignatureFields | undefined {
  const match = HEADER.exec(text);
  if (match === null) return undefined;
  const signature = signatureBytes(match[3]!);
  if (signature === undefined || signature.length !== SIGNATURE_BYTES) return undefined;
  return { timestamp: Number(match[1]), version: Number(match[2]), signature };
}
