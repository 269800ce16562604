/**
 * Base64 (RFC 4648 §4) and base64url (§5, unpadded) with the Web platform's `btoa`/`atob`, which
 * Node 18+, Workers, Deno and Bun all have, so `edgeflag/verify` needs no Buffer.
 */

/** @example toBase64(new Uint8Array([251, 255])) // '+/8=' */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The bytes of base64 text, or undefined when `atob` refuses it. @example fromBase64('+/8=') // Uint8Array [251, 255] */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** @example toBase64Url(new Uint8Array([251, 255])) // '-_8' */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** @example fromBase64Url('-_8') // Uint8Array [251, 255] */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  return fromBase64(text.replace(/-/g, '+').replace(/_/g, '/'));
}
