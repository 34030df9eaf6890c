/**
 * Outbound HTTP for notifications, refusing where a webhook URL must never lead: link-local
 * and cloud-metadata addresses always; private, loopback and unspecified addresses unless
 * allow-listed (ALERTS_OUTBOUND_ALLOW). The check runs on the addresses DNS returns, inside
 * the connection's own lookup, so a name cannot resolve to one address when checked and to
 * another when connected.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

export class OutboundRefused extends Error {
  override name = 'OutboundRefused';
}

const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata', 'instance-data', 'metadata.azure.internal']);

function ipv4Parts(ip: string): number[] | null {
  const parts = ip.split('.').map(Number);
  return parts.length === 4 && parts.every((p) => Number.isInteger(p) && p >= 0 && p <= 255) ? parts : null;
}

/** "link-local" (metadata included) is never reachable; "private" only when allow-listed. */
export function classifyAddress(address: string): 'public' | 'private' | 'link-local' {
  let ip = address.toLowerCase();
  if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped) ip = mapped[1]!;
  const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ip);
  if (mappedHex) {
    const [hi, lo] = [parseInt(mappedHex[1]!, 16), parseInt(mappedHex[2]!, 16)];
    ip = [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
  }
  const v4 = ipv4Parts(ip);
  if (v4) {
    const [a, b] = v4 as [number, number, number, number];
    if (a === 169 && b === 254) return 'link-local';
    if (a === 100 && b === 100 && v4[2] === 100 && v4[3] === 200) return 'link-local'; // Alibaba metadata
    if (a === 0 || a === 10 || a === 127) return 'private';
    if (a === 172 && b >= 16 && b <= 31) return 'private';
    if (a === 192 && b === 168) return 'private';
    if (a === 100 && b >= 64 && b <= 127) return 'private'; // carrier-grade NAT
    if (a >= 224) return 'private'; // multicast, reserved, broadcast
    return 'public';
  }
  if (net.isIPv6(ip)) {
    if (/^fe[89ab]/.test(ip)) return 'link-local';
    if (ip === 'fd00:ec2::254') return 'link-local'; // AWS metadata over IPv6
    if (ip === '::1' || ip === '::') return 'private';
    if (/^f[cd]/.test(ip) || /^ff/.test(ip)) return 'private';
    return 'public';
  }
  return 'public';
}

export function parseAllowList(value: string): Set<string> {
  return new Set(
    value
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  );
}

/**
 * Why a URL may not be a notification target, judged on the URL alone (at creation): null when
 * it may. Names are checked again after DNS resolution when sending.
 */
export function refuseUrl(raw: string, allow: Set<string>): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be a valid URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http:// or https:// URL';
  if (url.username || url.password) return 'must not carry a user name or password';
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (METADATA_HOSTS.has(host)) return 'must not point at a cloud metadata service';
  const kind = net.isIP(host)
    ? classifyAddress(host)
    : host === 'localhost' || host.endsWith('.localhost')
      ? 'private'
      : 'public';
  if (kind === 'link-local') return 'must not point at a link-local or cloud metadata address';
  if (kind === 'private' && !allow.has(host)) {
    return 'must not point at a private or loopback address (allow it with ALERTS_OUTBOUND_ALLOW)';
  }
  return null;
}

export type OutboundResponse = { status: number; body: string };

/** POSTs a body; network errors and refusals reject, any HTTP status resolves. */
export function postJson(
  rawUrl: string,
  body: string,
  headers: Record<string, string>,
  allow: Set<string>,
  timeoutMs = 10_000,
): Promise<OutboundResponse> {
  const refused = refuseUrl(rawUrl, allow);
  if (refused) return Promise.reject(new OutboundRefused(`URL ${refused}`));
  const url = new URL(rawUrl);
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const lookup: net.LookupFunction = (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as dns.LookupAddress[];
      for (const a of list) {
        const kind = classifyAddress(a.address);
        if (kind === 'link-local' || (kind === 'private' && !allow.has(host) && !allow.has(a.address))) {
          return callback(new OutboundRefused(`${hostname} resolves to a refused address (${kind})`), '', 0);
        }
      }
      const first = list[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, first.address, first.family);
    });
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body).toString(),
          ...headers,
        },
        lookup,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= 64 * 1024) chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
