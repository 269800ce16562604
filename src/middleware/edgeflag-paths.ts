import { urlParts } from './url-parts.ts';

/**
 * Whether a path (or a request URL's path) is edgeflag's own (OFREP under /ofrep/, everything else under /_edgeflag/) rather
 * than the origin's: the default Worker answers these and forwards every other path.
 *
 * @example isEdgeflagPath('/ofrep/v1/evaluate/flags') // true;  isEdgeflagPath('https://app.example.com/ofrepx') // false
 */
export function isEdgeflagPath(pathOrUrl: string): boolean {
  const path = pathOrUrl.startsWith('/') ? pathOrUrl : urlParts(pathOrUrl).path;
  return ownedBy(path, '/ofrep') || ownedBy(path, '/_edgeflag');
}

function ownedBy(pathname: string, prefix: string): boolean {
  return pathname.startsWith(prefix) && (pathname.length === prefix.length || pathname[prefix.length] === '/');
}
