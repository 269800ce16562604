import type { Context, MiddlewareHandler } from 'hono';
import { FLAG_HEADER } from '../crypto/flag-header.ts';
import { SIGNATURE_HEADER } from '../crypto/signature-header.ts';
import type { EvaluationContext } from '../engine/index.ts';
import { evaluateAll } from '../engine/index.ts';
import { rememberAnonymousId } from './anonymous-id.ts';
import { cacheControlFor } from './cache-control.ts';
import type { MiddlewareFaultKind } from './faults.ts';
import { describeError, FaultReporter } from './faults.ts';
import type { FlagSelection } from './flag-selection.ts';
import { flagHeaderValue, SelectionCache } from './flag-selection.ts';
import { isHtmlResponse, withBootstrap } from './html-bootstrap.ts';
import { jwtClaims } from './jwt-claims.ts';
import { overrideSources } from './override-source.ts';
import type { EdgeflagOptions } from './options.ts';
import type { PreparedOptions } from './prepare-options.ts';
import { prepareOptions } from './prepare-options.ts';
import type { AnonymousId } from './anonymous-id.ts';
import { requestContext } from './request-context.ts';
import { RequestFlags } from './request-flags.ts';
import { signers } from './signers.ts';
import { deleteEdgeflagHeaders } from './strip-headers.ts';
import { urlParts } from './url-parts.ts';

const NO_CONTEXT: EvaluationContext = Object.freeze({});

/** Everything the response side needs to know about what the request side did. */
interface Outcome {
  readonly flags: RequestFlags;
  readonly anonymous: AnonymousId | undefined;
  readonly selection: FlagSelection | undefined;
}

/**
 * Sets a header on the response in place when its headers are mutable (a Response built by the
 * app or hono's proxy helper); `c.header` copies the whole response first, which is needed only
 * for one straight from `fetch`, whose headers are immutable.
 */
function setResponseHeader(c: Context, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch {
    c.header(name, value);
  }
}

function respond(c: Context, options: PreparedOptions, outcome: Outcome, faults: FaultReporter): void {
  const { flags, anonymous, selection } = outcome;
  if (anonymous?.isNew && options.anonymousCookie !== undefined) rememberAnonymousId(c, options.anonymousCookie, anonymous.id);
  if (flags.version === undefined) return;
  if (options.cacheControl !== false) {
    const value = cacheControlFor(c.res.headers.get('cache-control'), options.cacheControl);
    if (value !== undefined) setResponseHeader(c, 'Cache-Control', value);
  }
  if (options.htmlBootstrap && selection !== undefined && isHtmlResponse(c.req.method, c.res)) {
    try {
      c.res = withBootstrap(c.res, { version: flags.version, flags: selection.client.map((index) => flags.results[index]!) });
      c.res.headers.delete('content-length');
    } catch (error) {
      faults.report('bootstrap-failed', `writing the flags into the HTML failed (${describeError(error)}); the page was sent unchanged`);
    }
  }
}

/**
 * Hono middleware that evaluates flags for each request and forwards them, signed, to whatever
 * handles the request next (usually a proxy to the origin): it removes every incoming `x-edgeflag*`
 * header, adds `x-edgeflag` (flag key -> variant, an RFC 9651 Dictionary) and
 * `x-edgeflag-signature`, and sets `c.get('edgeflag')`. When anything fails (no snapshot, a bad
 * secret, an evaluation error) the request still goes on, without flag headers, and the fault is
 * logged. Options are checked here, once: a misconfiguration throws an EdgeflagConfigError.
 *
 * @example
 * app.use(edgeflag({ snapshot: (c) => store.read((p) => c.executionCtx.waitUntil(p)), tenant: { from: 'subdomain', domain: 'example.com' } }));
 * app.all('*', (c) => fetch(c.req.raw));
 */
export function edgeflag(options: EdgeflagOptions): MiddlewareHandler {
  const prepared = prepareOptions(options);
  const faults = new FaultReporter(prepared.clock, prepared.onFault);
  const jwt = prepared.jwt === undefined ? undefined : jwtClaims(prepared.jwt, prepared.clock, faults);
  const selections = new SelectionCache(prepared.flags, prepared.htmlBootstrap);
  const signerOf = signers(prepared.secret, faults);
  const overridesOf = overrideSources(prepared.overrideSecret, prepared.onOverrideRejected, faults);

  return async function edgeflag(c, next) {
    const request = c.req.raw;
    const now = prepared.clock();
    let stage: MiddlewareFaultKind = 'context-failed';
    let context = NO_CONTEXT;
    let anonymous: AnonymousId | undefined;
    let selection: FlagSelection | undefined;
    let flags: RequestFlags | undefined;
    let signed: { readonly value: string; readonly signature: string } | undefined;
    try {
      ({ context, anonymous } = requestContext(c, prepared, jwt === undefined ? undefined : await jwt.read(c)));
      stage = 'snapshot-failed';
      // A store with a snapshot loaded answers at once; awaiting only a promise saves a microtask turn.
      let served = prepared.snapshot(c);
      if (served instanceof Promise) served = await served;
      if (served !== undefined) {
        stage = 'evaluation-failed';
        const cached = selections.for(served.snapshot);
        selection = cached.selection;
        if (cached.built && selection.missing.length > 0) {
          faults.report('flags-missing', `flags ${selection.missing.join(', ')} are not in snapshot version ${served.version}: remove them from the \`flags\` option or publish them`);
        }
        // A tester's override token: nearly every request has none, and then nothing is awaited.
        let forced = overridesOf(c).read(request.headers, context, now);
        if (forced instanceof Promise) forced = await forced;
        const results = evaluateAll(served.snapshot, context, { now, killed: served.killed, overrides: forced }, selection.evaluated);
        stage = 'signing-failed';
        const signer = signerOf(c);
        if (signer !== undefined) {
          const value = flagHeaderValue(selection, results);
          const { host, path } = urlParts(request.url);
          const timestamp = Math.floor(now / 1000);
          const signature = await signer.sign({ timestamp, version: served.version, method: request.method, host, path, flags: value });
          signed = { value, signature };
        }
        flags = new RequestFlags(served.version, context, results, signer !== undefined);
      }
    } catch (error) {
      faults.report(stage, `${describeError(error)}; the request went to the origin without flag headers`);
      flags = undefined;
      selection = undefined;
      signed = undefined;
    }
    // A Request built from the incoming one has mutable headers (the incoming one's are not), so
    // one copy serves both the stripping and the flag headers.
    const upstream = new Request(request);
    deleteEdgeflagHeaders(upstream.headers);
    if (signed !== undefined) {
      if (signed.value !== '') upstream.headers.set(FLAG_HEADER, signed.value);
      upstream.headers.set(SIGNATURE_HEADER, signed.signature);
    }
    c.req.raw = upstream;
    flags ??= new RequestFlags(undefined, context, [], false);
    c.set('edgeflag', flags);
    await next();
    respond(c, prepared, { flags, anonymous, selection }, faults);
  };
}
