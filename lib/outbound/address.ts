/**
 * Which addresses an outbound request may reach. Every address is handled as 16 bytes, IPv4 as
 * its IPv4-mapped IPv6 form, so `::ffff:127.0.0.1`, `::ffff:7f00:1` and `127.0.0.1` are one
 * address; IPv6 forms that carry an IPv4 address (IPv4-compatible, SIIT, NAT64, 6to4, Teredo) are
 * judged by the IPv4 address inside, since a gateway may deliver them there.
 */
import net from 'node:net';

/** public: reachable; private: only when allow-listed; forbidden: never (link-local, cloud metadata). */
export type AddressKind = 'public' | 'private' | 'forbidden';
export type AddressClass = { kind: AddressKind; range: string };

export type Bytes = readonly number[];

function ipv4Bytes(ip: string): number[] | null {
  if (!net.isIPv4(ip)) return null;
  return ip.split('.').map(Number);
}

/** 16 bytes of an IPv6 address in any textual form net.isIPv6 accepts (zone ids dropped). */
function ipv6Bytes(raw: string): number[] | null {
  const ip = raw.split('%')[0]!;
  if (!net.isIPv6(ip)) return null;
  const groups = (part: string): number[] => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      const v4 = ipv4Bytes(g);
      if (v4) out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      else out.push(parseInt(g, 16));
    }
    return out;
  };
  const [head = '', tail] = ip.split('::');
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  return all.flatMap((g) => [g >> 8, g & 255]);
}

const MAPPED_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255];

/**
 * The 16 bytes of an IP address literal: dotted IPv4, any IPv6 form, with or without brackets,
 * and the decimal, octal and hex IPv4 forms URL parsers accept (`2130706433`, `0177.0.0.1`,
 * `0x7f.1`). Null when `text` is not an address.
 */
export function addressBytes(text: string): number[] | null {
  let s = text.trim().toLowerCase();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const v4 = ipv4Bytes(s);
  if (v4) return [...MAPPED_PREFIX, ...v4];
  const v6 = ipv6Bytes(s);
  if (v6) return v6;
  // WHATWG URL parsing turns the other IPv4 notations into dotted decimal, as a fetch would.
  if (!/^[0-9a-fx.]+$/.test(s)) return null;
  try {
    const host = new URL(`http://${s}/`).hostname;
    const normalised = ipv4Bytes(host);
    return normalised ? [...MAPPED_PREFIX, ...normalised] : null;
  } catch {
    return null;
  }
}

/** A prefix as bytes and bit length, from `a.b.c.d/n` or `v6/n` (IPv4 prefixes in mapped form). */
export type Prefix = { bytes: Bytes; bits: number };

export function parsePrefix(text: string): Prefix | null {
  const [addr = '', len, extra] = text.split('/');
  if (extra !== undefined) return null;
  const bytes = addressBytes(addr);
  if (!bytes) return null;
  const v4 = !addr.includes(':');
  const max = v4 ? 32 : 128;
  if (len === undefined) return { bytes, bits: 128 };
  if (!/^\d{1,3}$/.test(len) || Number(len) > max) return null;
  return { bytes, bits: Number(len) + (v4 ? 96 : 0) };
}

export function inPrefix(bytes: Bytes, p: Prefix): boolean {
  for (let bit = 0; bit < p.bits; bit += 8) {
    const take = Math.min(8, p.bits - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    if ((bytes[bit / 8]! & mask) !== (p.bytes[bit / 8]! & mask)) return false;
  }
  return true;
}

type Range = { prefix: Prefix; kind: AddressKind; range: string };

function table(rows: [string, AddressKind, string][]): Range[] {
  return rows.map(([cidr, kind, range]) => ({ prefix: parsePrefix(cidr)!, kind, range }));
}

// First match wins: the specific metadata addresses come before the ranges holding them.
const IPV4: Range[] = table([
  ['169.254.0.0/16', 'forbidden', 'link-local (cloud metadata)'],
  ['100.100.100.200/32', 'forbidden', 'cloud metadata (Alibaba)'],
  ['168.63.129.16/32', 'forbidden', 'cloud host endpoint (Azure)'],
  ['192.0.0.192/32', 'forbidden', 'cloud metadata (Oracle)'],
  ['0.0.0.0/8', 'private', 'unspecified ("this network")'],
  ['10.0.0.0/8', 'private', 'private (RFC 1918)'],
  ['100.64.0.0/10', 'private', 'carrier-grade NAT'],
  ['127.0.0.0/8', 'private', 'loopback'],
  ['172.16.0.0/12', 'private', 'private (RFC 1918)'],
  ['192.0.0.0/24', 'private', 'IETF protocol assignments'],
  ['192.0.2.0/24', 'private', 'documentation'],
  ['192.88.99.0/24', 'private', '6to4 relay anycast'],
  ['192.168.0.0/16', 'private', 'private (RFC 1918)'],
  ['198.18.0.0/15', 'private', 'benchmarking'],
  ['198.51.100.0/24', 'private', 'documentation'],
  ['203.0.113.0/24', 'private', 'documentation'],
  ['224.0.0.0/4', 'private', 'multicast'],
  ['240.0.0.0/4', 'private', 'reserved or broadcast'],
]);

const IPV6: Range[] = table([
  ['::/128', 'private', 'unspecified'],
  ['::1/128', 'private', 'loopback'],
  ['fd00:ec2::254/128', 'forbidden', 'cloud metadata (AWS)'],
  ['fe80::/10', 'forbidden', 'link-local'],
  ['fec0::/10', 'private', 'site-local'],
  ['fc00::/7', 'private', 'unique-local'],
  ['ff00::/8', 'private', 'multicast'],
  ['64:ff9b:1::/48', 'private', 'local-use NAT64'],
  ['100::/64', 'private', 'discard-only'],
  ['2001:db8::/32', 'private', 'documentation'],
  ['3fff::/20', 'private', 'documentation'],
]);

/** IPv6 forms that carry an IPv4 address, and where its four bytes sit. */
const EMBEDDING: { prefix: Prefix; name: string; at: number; invert?: boolean }[] = [
  { prefix: parsePrefix('::ffff:0:0/96')!, name: 'IPv4-mapped', at: 12 },
  { prefix: parsePrefix('::ffff:0:0:0/96')!, name: 'IPv4-translated', at: 12 },
  { prefix: parsePrefix('::/96')!, name: 'IPv4-compatible', at: 12 },
  { prefix: parsePrefix('64:ff9b::/96')!, name: 'NAT64', at: 12 },
  { prefix: parsePrefix('2002::/16')!, name: '6to4', at: 2 },
  // Teredo carries the client's address with every bit inverted.
  { prefix: parsePrefix('2001::/32')!, name: 'Teredo', at: 12, invert: true },
];

function classifyV4(v4: Bytes): AddressClass {
  const mapped = [...MAPPED_PREFIX, ...v4];
  const hit = IPV4.find((r) => inPrefix(mapped, r.prefix));
  return hit ? { kind: hit.kind, range: hit.range } : { kind: 'public', range: 'public' };
}

/** The IPv4 address an IPv6 address carries, if it is one of the embedding forms. */
export function embeddedIPv4(bytes: Bytes): { v4: number[]; form: string } | null {
  for (const e of EMBEDDING) {
    if (!inPrefix(bytes, e.prefix)) continue;
    const v4 = bytes.slice(e.at, e.at + 4).map((b) => (e.invert ? ~b & 255 : b));
    return { v4, form: e.name };
  }
  return null;
}

/**
 * What kind of address `text` is (any form addressBytes reads); null when it is not an address.
 * Unknown ranges are public.
 */
export function classifyAddress(text: string): AddressClass | null {
  const bytes = addressBytes(text);
  return bytes ? classifyBytes(bytes) : null;
}

export function classifyBytes(bytes: Bytes): AddressClass {
  const own = IPV6.find((r) => inPrefix(bytes, r.prefix));
  if (own) return { kind: own.kind, range: own.range };
  const embedded = embeddedIPv4(bytes);
  if (!embedded) return { kind: 'public', range: 'public' };
  const inner = classifyV4(embedded.v4);
  if (embedded.form === 'IPv4-mapped') return inner;
  return inner.kind === 'public' ? inner : { kind: inner.kind, range: `${inner.range} inside ${embedded.form}` };
}

/** Names that lead to a cloud metadata service whatever they resolve to. */
const METADATA_HOSTS = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'metadata.azure.internal',
  'instance-data',
  'instance-data.ec2.internal',
]);

/** A host name as compared: lower case, brackets and trailing dots dropped. */
export function normaliseHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.+$/, '');
}

/** A host name's kind before any DNS lookup: metadata names are forbidden, localhost is private. */
export function classifyHostName(host: string): AddressClass | null {
  const name = normaliseHost(host);
  if (METADATA_HOSTS.has(name)) return { kind: 'forbidden', range: 'cloud metadata host' };
  if (name === 'localhost' || name.endsWith('.localhost')) return { kind: 'private', range: 'loopback' };
  return null;
}
