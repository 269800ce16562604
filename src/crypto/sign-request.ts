import type { SignedParts } from './canonical-string.ts';
import { canonicalString } from './canonical-string.ts';
import { formatSignatureHeader } from './signature-header.ts';
import { importSigningKey, secretProblem, utf8 } from './signing-key.ts';

/** Signs requests at the edge with one secret, imported once. */
export interface RequestSigner {
  /** The `x-edgeflag-signature` value for these parts. */
  sign(parts: SignedParts): Promise<string>;
}

/**
 * A signer for `EDGEFLAG_SIGNING_SECRET`; throws at once when the secret is missing or too short.
 *
 * @example
 * const signer = createRequestSigner(env.EDGEFLAG_SIGNING_SECRET);
 * headers.set('x-edgeflag-signature', await signer.sign({ timestamp, version, method, host, path, flags }));
 */
export function createRequestSigner(secret: string): RequestSigner {
  const problem = secretProblem(secret);
  if (problem !== undefined) throw new RangeError(problem);
  let key: CryptoKey | undefined;
  const imported = importSigningKey(secret, 'sign').then((value) => (key = value));
  return {
    async sign(parts) {
      const mac = await crypto.subtle.sign('HMAC', key ?? (await imported), utf8.encode(canonicalString(parts)));
      return formatSignatureHeader({ timestamp: parts.timestamp, version: parts.version, signature: new Uint8Array(mac) });
    },
  };
}
