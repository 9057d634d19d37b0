/**
 * Which kind of network an IP address or host name belongs to, after the IANA
 * special-purpose address registries (RFC 6890 and its updates) and the special-use
 * domain names (RFC 6761). Only `public` may receive a webhook: any other target would
 * let whoever registers a receiver use the delivery log to probe the network itaku runs
 * in (server-side request forgery), the cloud metadata service above all.
 *
 * Pure text in, kind out: host names arrive already canonicalised by the WHATWG URL
 * parser (`new URL()` turns `2130706433`, `0x7f000001`, `0177.0.0.1` and `127.1` into
 * `127.0.0.1`, and compresses IPv6), addresses as a resolver returns them.
 */
export type AddressKind =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unique-local'
  | 'shared'
  | 'unspecified'
  | 'broadcast'
  | 'multicast'
  | 'reserved'
  | 'metadata';

/** How each kind reads in a refusal: "must not point at …". */
export const addressKindLabels: Record<Exclude<AddressKind, 'public'>, string> = {
  loopback: 'a loopback address',
  private: 'a private network',
  'link-local': 'a link-local address',
  'unique-local': 'a unique-local IPv6 address',
  shared: 'a carrier-grade NAT (shared) address',
  unspecified: 'the unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  reserved: 'a reserved address',
  metadata: 'a cloud metadata service',
};

// First match wins, so the single metadata addresses come before their ranges.
const IPV4_TABLE: readonly (readonly [prefix: string, bits: number, kind: AddressKind])[] = [
  ['169.254.169.254', 32, 'metadata'], // AWS, GCP, Azure, OCI… instance metadata
  ['100.100.100.200', 32, 'metadata'], // Alibaba Cloud instance metadata
  ['0.0.0.0', 8, 'unspecified'], // "this network" (RFC 1122): 0.0.0.0 reaches the local host
  ['10.0.0.0', 8, 'private'], // RFC 1918
  ['100.64.0.0', 10, 'shared'], // RFC 6598 carrier-grade NAT
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'], // RFC 3927
  ['172.16.0.0', 12, 'private'], // RFC 1918
  ['192.0.0.0', 24, 'reserved'], // RFC 6890 IETF protocol assignments
  ['192.0.2.0', 24, 'reserved'], // RFC 5737 documentation
  ['192.88.99.0', 24, 'reserved'], // RFC 7526 deprecated 6to4 relays
  ['192.168.0.0', 16, 'private'], // RFC 1918
  ['198.18.0.0', 15, 'reserved'], // RFC 2544 benchmarking
  ['198.51.100.0', 24, 'reserved'], // RFC 5737 documentation
  ['203.0.113.0', 24, 'reserved'], // RFC 5737 documentation
  ['224.0.0.0', 4, 'multicast'],
  ['255.255.255.255', 32, 'broadcast'],
  ['240.0.0.0', 4, 'reserved'], // RFC 1112 future use
];

/** A dotted quad (the only IPv4 form a canonical URL or a resolver yields) as a number. */
export function parseIPv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return null;
    value = value * 256 + Number(part);
  }
  return value;
}

/** An IPv6 address (`::` compression, a dotted IPv4 tail, a `%zone`) as a 128-bit number. */
export function parseIPv6(text: string): bigint | null {
  const address = text.replace(/%.*$/, '');
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const groups = (half: string): number[] | null => {
    if (half === '') return [];
    const out: number[] = [];
    const pieces = half.split(':');
    for (const [i, piece] of pieces.entries()) {
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIPv4(piece);
        if (v4 === null) return null;
        out.push(Math.floor(v4 / 65536), v4 % 65536);
      } else if (/^[0-9a-f]{1,4}$/i.test(piece)) out.push(Number.parseInt(piece, 16));
      else return null;
    }
    return out;
  };
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

const inRange = (value: bigint, prefix: bigint, bits: number, width: number): boolean =>
  value >> BigInt(width - bits) === prefix >> BigInt(width - bits);

const IPV4_RANGES = IPV4_TABLE.map(([prefix, bits, kind]) => [BigInt(parseIPv4(prefix) ?? 0), bits, kind] as const);

export function classifyIPv4(value: number): AddressKind {
  for (const [prefix, bits, kind] of IPV4_RANGES) {
    if (inRange(BigInt(value), prefix, bits, 32)) return kind;
  }
  return 'public';
}

const v6 = (text: string): bigint => parseIPv6(text) ?? 0n;
const embeddedIPv4 = (value: bigint, shift = 0n): AddressKind => classifyIPv4(Number((value >> shift) & 0xffffffffn));

// Ranges whose addresses carry an IPv4 address: they are as dangerous as that address.
const IPV6_RANGES: readonly (readonly [prefix: bigint, bits: number, kind: (value: bigint) => AddressKind])[] = [
  [v6('::'), 128, () => 'unspecified'],
  [v6('::1'), 128, () => 'loopback'],
  [v6('::ffff:0:0'), 96, (v) => embeddedIPv4(v)], // IPv4-mapped (RFC 4291)
  [v6('::'), 96, (v) => deprecated(embeddedIPv4(v))], // IPv4-compatible, deprecated (RFC 4291)
  [v6('64:ff9b::'), 96, (v) => embeddedIPv4(v)], // NAT64 well-known prefix (RFC 6052)
  [v6('64:ff9b:1::'), 48, () => 'private'], // local-use NAT64 (RFC 8215)
  [v6('100::'), 64, () => 'reserved'], // discard-only (RFC 6666)
  [v6('2001:db8::'), 32, () => 'reserved'], // documentation (RFC 3849)
  [v6('2001::'), 23, () => 'reserved'], // IETF protocol assignments, Teredo (RFC 2928, 4380)
  [v6('2002::'), 16, (v) => embeddedIPv4(v, 80n)], // 6to4 (RFC 3056)
  [v6('3fff::'), 20, () => 'reserved'], // documentation (RFC 9637)
  [v6('5f00::'), 16, () => 'reserved'], // SRv6 SIDs (RFC 9602)
  [v6('fd00:ec2::254'), 128, () => 'metadata'], // AWS instance metadata over IPv6
  [v6('fc00::'), 7, () => 'unique-local'], // RFC 4193
  [v6('fe80::'), 10, () => 'link-local'],
  [v6('fec0::'), 10, () => 'private'], // site-local, deprecated (RFC 3879)
  [v6('ff00::'), 8, () => 'multicast'],
  [v6('2000::'), 3, () => 'public'], // global unicast
];

function deprecated(kind: AddressKind): AddressKind {
  return kind === 'public' ? 'reserved' : kind;
}

export function classifyIPv6(value: bigint): AddressKind {
  for (const [prefix, bits, kind] of IPV6_RANGES) {
    if (inRange(value, prefix, bits, 128)) return kind(value);
  }
  return 'reserved'; // outside 2000::/3 nothing is assigned for unicast
}

/** The kind of an IP address, or null when the text is not one. */
export function classifyAddress(text: string): AddressKind | null {
  const v4 = parseIPv4(text);
  if (v4 !== null) return classifyIPv4(v4);
  const ip6 = text.includes(':') ? parseIPv6(text) : null;
  return ip6 === null ? null : classifyIPv6(ip6);
}

const METADATA_NAMES = new Set([
  'metadata.google.internal',
  'metadata.goog',
  'metadata',
  'instance-data',
  'instance-data.ec2.internal',
]);

// Names that never denote a public host: RFC 6761 localhost, ICANN's private-use
// `.internal`, mDNS `.local` (RFC 6762) and the home network's `home.arpa` (RFC 8375).
const PRIVATE_SUFFIXES: readonly (readonly [suffix: string, kind: AddressKind])[] = [
  ['localhost', 'loopback'],
  ['internal', 'private'],
  ['local', 'private'],
  ['home.arpa', 'private'],
];

/**
 * The kind of a URL's host (`URL.hostname`: IPv6 in brackets). A host name other than
 * the special-use ones is `public` here; what it resolves to is checked at delivery.
 */
export function classifyHost(hostname: string): AddressKind {
  const host = hostname.toLowerCase().replace(/\.+$/, '');
  if (host.startsWith('[') && host.endsWith(']')) return classifyAddress(host.slice(1, -1)) ?? 'reserved';
  const literal = classifyAddress(host);
  if (literal) return literal;
  if (host === '') return 'unspecified';
  if (METADATA_NAMES.has(host)) return 'metadata';
  for (const [suffix, kind] of PRIVATE_SUFFIXES) {
    if (host === suffix || host.endsWith(`.${suffix}`)) return kind;
  }
  return 'public';
}

/** True when the host is an IP literal rather than a name to resolve. */
export const isIpLiteral = (hostname: string): boolean =>
  (hostname.startsWith('[') && hostname.endsWith(']')) || parseIPv4(hostname.replace(/\.+$/, '')) !== null;
