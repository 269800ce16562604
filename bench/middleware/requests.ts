import type { AutocannonRequest } from 'autocannon';
import { seededRandom } from '../engine/workload.ts';

/** Distinct visitors the connections cycle through. */
export const VISITORS = 1000;

function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(random() * 4)]!;
  const text = hex.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

/**
 * Returning visitors: each a GET with its anonymous id cookie, a tenant header and a client
 * address, over a spread of paths. The same list goes to both Workers; the pass-through ignores
 * what it does not need.
 */
export function visitorRequests(tenants: readonly string[]): AutocannonRequest[] {
  const random = seededRandom(7);
  return Array.from({ length: VISITORS }, (_, index) => ({
    method: 'GET',
    path: `/products/${index % 50}?ref=bench`,
    headers: {
      cookie: `edgeflag_id=${uuid(random)}`,
      'x-tenant': tenants[index % tenants.length]!,
      'cf-connecting-ip': `198.51.${index % 256}.${(index * 7) % 256}`,
    },
  }));
}
