// A reference for `npm run bench:middleware`: the pass-through proxy plus only what the issue
// requires of any flag-forwarding middleware whatever its design: a writable copy of the request,
// the `x-edgeflag` header of 50 flags (the var FLAG_HEADER, fixed) and an HMAC-SHA256 signature over
// it, the path and a fresh timestamp per request. No context, no evaluation, no stripping: the gap
// between this and the pass-through is the floor of the middleware's cost on this machine.
import { Hono } from 'hono';
import { FLAG_HEADER } from '../../src/crypto/flag-header.ts';
import type { RequestSigner } from '../../src/crypto/sign-request.ts';
import { createRequestSigner } from '../../src/crypto/sign-request.ts';
import { SIGNATURE_HEADER } from '../../src/crypto/signature-header.ts';
import { originProxy } from '../../src/middleware/origin-proxy.ts';
import { urlParts } from '../../src/middleware/url-parts.ts';

interface ReferenceEnv {
  readonly EDGEFLAG_ORIGIN: string;
  readonly EDGEFLAG_SIGNING_SECRET: string;
  readonly FLAG_HEADER: string;
}

let app: Hono<{ Bindings: ReferenceEnv }> | undefined;
let signer: RequestSigner | undefined;

export default {
  fetch(request: Request, env: ReferenceEnv, ctx: ExecutionContext) {
    signer ??= createRequestSigner(env.EDGEFLAG_SIGNING_SECRET);
    app ??= new Hono<{ Bindings: ReferenceEnv }>().all(
      '*',
      async (c, next) => {
        const incoming = c.req.raw;
        const { host, path } = urlParts(incoming.url);
        const flags = c.env.FLAG_HEADER;
        const signature = await signer!.sign({ timestamp: Math.floor(Date.now() / 1000), version: 1, method: incoming.method, host, path, flags });
        const upstream = new Request(incoming);
        upstream.headers.set(FLAG_HEADER, flags);
        upstream.headers.set(SIGNATURE_HEADER, signature);
        c.req.raw = upstream;
        await next();
      },
      originProxy(env.EDGEFLAG_ORIGIN),
    );
    return app.fetch(request, env, ctx);
  },
};
