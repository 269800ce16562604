/**
 * `edgeflag/middleware`: evaluate flags at the edge and forward them, signed, to the origin.
 *
 * @example
 * import { Hono } from 'hono';
 * import { edgeflag } from 'edgeflag/middleware';
 *
 * const app = new Hono();
 * app.use(edgeflag({ snapshot: (c) => store.read((p) => c.executionCtx.waitUntil(p)) }));
 * app.all('*', (c) => fetch(c.req.raw)); // the origin gets x-edgeflag and x-edgeflag-signature
 */
export { edgeflag } from './edgeflag.ts';
export { EdgeflagConfigError } from './prepare-options.ts';
export type { EdgeflagOptions, FlagSelector, JwtOptions, ServedSnapshot, SnapshotSource, TenantSource, UserSource } from './options.ts';
export type { EdgeflagFlags } from './request-flags.ts';
export type { MiddlewareFault, MiddlewareFaultKind } from './faults.ts';
export { EDGE_ATTRIBUTES } from './edge-attributes.ts';
export type { EdgeAttribute } from './edge-attributes.ts';
export { stripEdgeflagHeaders } from './strip-headers.ts';
export { BOOTSTRAP_ELEMENT_ID, scriptSafeJson } from './html-bootstrap.ts';
export type { BootstrapPayload } from './html-bootstrap.ts';
export { FLAG_HEADER, decodeFlagKey, encodeFlagKey } from '../crypto/flag-header.ts';
export { SIGNATURE_HEADER } from '../crypto/signature-header.ts';
