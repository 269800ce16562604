/** What a request signature covers. */
export interface SignedParts {
  /** Seconds since the epoch when the edge signed. */
  readonly timestamp: number;
  /** The snapshot version the flags were evaluated from. */
  readonly version: number;
  readonly method: string;
  /** The host the client addressed, with a port only when it is not the scheme's default. */
  readonly host: string;
  /** The path of the request target, percent-encoding untouched; any query is not signed. */
  readonly path: string;
  /** The exact `x-edgeflag` header value ('' when the header is absent). */
  readonly flags: string;
}

/** Names the format, so a future change cannot be confused with this one. */
export const SIGNATURE_SCHEME = 'edgeflag-signature-v1';

/**
 * The text the HMAC covers: seven lines joined by LF (no trailing LF), each a field as written here:
 *
 * ```
 * edgeflag-signature-v1
 * <timestamp, decimal seconds>
 * <snapshot version, decimal>
 * <METHOD, uppercase>
 * <host, lowercase>
 * <path, without the query>
 * <x-edgeflag header value>
 * ```
 *
 * None of the fields can hold an LF (hosts, paths and header values cannot, RFC 9110 §5.5), so the
 * lines cannot be shifted into one another. The query stays out: caches and analytics add or reorder
 * parameters, and the flags describe who asked, not which query they sent.
 *
 * @example canonicalString({ timestamp: 1767268800, version: 12, method: 'GET', host: 'app.example.com', path: '/cart', flags: 'new-checkout=on' })
 * // 'edgeflag-signature-v1\n1767268800\n12\nGET\napp.example.com\n/cart\nnew-checkout=on'
 */
export function canonicalString(parts: SignedParts): string {
  const query = parts.path.indexOf('?');
  const path = query === -1 ? parts.path : parts.path.slice(0, query);
  return `${SIGNATURE_SCHEME}\n${parts.timestamp}\n${parts.version}\n${parts.method.toUpperCase()}\n${parts.host.toLowerCase()}\n${path}\n${parts.flags}`;
}
