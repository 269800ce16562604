/**
 * Attributes only the edge knows: the connecting address (`CF-Connecting-IP`, which Cloudflare sets
 * and a client cannot) and, from `request.cf`, where the client is and which network it uses.
 * `asn` is a number, the others strings (ISO 3166-1 alpha-2 for `country`, IATA code for `colo`).
 */
export const EDGE_ATTRIBUTES = ['ip', 'country', 'region', 'city', 'asn', 'colo'] as const;

export type EdgeAttribute = (typeof EDGE_ATTRIBUTES)[number];

const CF_FIELDS = ['country', 'region', 'city', 'asn', 'colo'] as const;

/** `request.cf` as far as edgeflag reads it; absent outside Cloudflare (Node, plain fetch). */
interface CfProperties {
  readonly [name: string]: unknown;
}

/**
 * Adds the edge attributes to a context the caller owns, in place (no copy per request),
 * overwriting any the client sent under those names. A name the edge cannot fill (no `cf` object
 * locally, no address) is removed rather than left to the client, so a rule on `country` never
 * matches a country the client made up.
 *
 * @example
 * addEdgeAttributes({ targetingKey: 'u-1', country: 'FR' }, request);
 * // { targetingKey: 'u-1', ip: '203.0.113.7', country: 'DE', asn: 3320, colo: 'FRA', ... }
 */
export function addEdgeAttributes(enriched: Record<string, unknown>, request: Request): Record<string, unknown> {
  const ip = request.headers.get('cf-connecting-ip');
  if (ip !== null && ip !== '') enriched.ip = ip;
  else if (enriched.ip !== undefined) delete enriched.ip;
  const cf = (request as { readonly cf?: CfProperties }).cf;
  for (const name of CF_FIELDS) {
    const value = cf?.[name];
    if ((typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value))) enriched[name] = value;
    // Only a name the client sent needs removing; most contexts carry none of these.
    else if (enriched[name] !== undefined) delete enriched[name];
  }
  return enriched;
}
