import type { Context } from 'hono';
import type { RequestSigner } from '../crypto/sign-request.ts';
import { createRequestSigner } from '../crypto/sign-request.ts';
import { secretProblem } from '../crypto/signing-key.ts';
import type { FaultReporter } from './faults.ts';

/** The binding read when `edgeflag()` is given no `secret`. */
export const SIGNING_SECRET_BINDING = 'EDGEFLAG_SIGNING_SECRET';

/**
 * The signer of a request: the one built from the `secret` option, or one for the Worker's
 * `EDGEFLAG_SIGNING_SECRET` binding (bindings exist only per request on Workers), imported once
 * and rebuilt only if the binding changes. Undefined, with a fault, when the binding is unusable.
 *
 * @example const signerOf = signers(undefined, faults); const signer = signerOf(c);
 */
export function signers(secret: string | undefined, faults: FaultReporter): (c: Context) => RequestSigner | undefined {
  if (secret !== undefined) {
    const signer = createRequestSigner(secret);
    return () => signer;
  }
  let last: { readonly secret: unknown; readonly signer: RequestSigner | undefined } | undefined;
  return (c) => {
    const bound = (c.env as Readonly<Record<string, unknown>> | undefined)?.[SIGNING_SECRET_BINDING];
    if (last === undefined || last.secret !== bound) {
      const problem = secretProblem(bound);
      last = { secret: bound, signer: problem === undefined ? createRequestSigner(bound as string) : undefined };
    }
    if (last.signer === undefined) {
      faults.report('secret-missing', `${secretProblem(bound)!}; requests go to the origin without flag headers until then`);
    }
    return last.signer;
  };
}
