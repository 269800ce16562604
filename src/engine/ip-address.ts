/**
 * IPv4 and IPv6 addresses as four 32-bit words (IPv4 as an IPv4-mapped IPv6 address, RFC 4291
 * section 2.5.5.2), so one comparison serves both families and `::ffff:10.0.0.1` matches 10.0.0.0/8.
 */
export type Address = readonly [number, number, number, number];

export interface Network {
  readonly address: Address;
  /** Prefix length in the 128-bit space. */
  readonly prefix: number;
}

const IPV4_PART = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parseIPv4Word(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let word = 0;
  for (const part of parts) {
    if (!IPV4_PART.test(part)) return null;
    word = word * 256 + Number(part);
  }
  return word;
}

function groupsOf(text: string): number[] | null {
  if (text === '') return [];
  const groups: number[] = [];
  const pieces = text.split(':');
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (i === pieces.length - 1 && piece.includes('.')) {
      const word = parseIPv4Word(piece);
      if (word === null) return null;
      groups.push(word >>> 16, word & 0xffff);
    } else if (HEX_GROUP.test(piece)) {
      groups.push(parseInt(piece, 16));
    } else {
      return null;
    }
  }
  return groups;
}

function parseIPv6(text: string): Address | null {
  const zoneless = text.includes('%') ? text.slice(0, text.indexOf('%')) : text;
  const halves = zoneless.split('::');
  if (halves.length > 2) return null;
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return [
    ((groups[0]! << 16) | groups[1]!) >>> 0,
    ((groups[2]! << 16) | groups[3]!) >>> 0,
    ((groups[4]! << 16) | groups[5]!) >>> 0,
    ((groups[6]! << 16) | groups[7]!) >>> 0,
  ];
}

/** Parses an IPv4 or IPv6 address; null when it is neither. */
export function parseAddress(value: unknown): Address | null {
  if (typeof value !== 'string') return null;
  if (value.includes(':')) return parseIPv6(value);
  const word = parseIPv4Word(value);
  return word === null ? null : [0, 0, 0xffff, word];
}

/** Parses `10.0.0.0/8`, `2001:db8::/32` or a bare address (a /32 or /128); null when malformed. */
export function parseNetwork(text: string): Network | null {
  const slash = text.indexOf('/');
  const address = parseAddress(slash < 0 ? text : text.slice(0, slash));
  if (address === null) return null;
  const isV4 = !text.slice(0, slash < 0 ? undefined : slash).includes(':');
  const maxPrefix = isV4 ? 32 : 128;
  const prefixText = slash < 0 ? String(maxPrefix) : text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (prefix > maxPrefix) return null;
  return { address, prefix: isV4 ? prefix + 96 : prefix };
}

export function networkContains(network: Network, address: Address): boolean {
  let remaining = network.prefix;
  for (let i = 0; i < 4 && remaining > 0; i++) {
    const bits = remaining >= 32 ? 32 : remaining;
    const mask = bits === 32 ? 0xffffffff : ~(0xffffffff >>> bits);
    if (((network.address[i]! ^ address[i]!) & mask) !== 0) return false;
    remaining -= bits;
  }
  return true;
}
