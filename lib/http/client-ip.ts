/**
 * The client's address, decided once by the HTTP server (scripts/server.ts) from the socket and,
 * behind trusted proxies only, from X-Forwarded-For; route handlers read it from one header
 * that the server always overwrites, so a client cannot choose its own address.
 */
export const CLIENT_IP_HEADER = 'x-observatory-client-ip';

function normalize(address: string): string {
  const trimmed = address.trim();
  // IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d
  return trimmed.startsWith('::ffff:') && trimmed.includes('.') ? trimmed.slice(7) : trimmed;
}

/**
 * With `trustedHops` = 0 the socket's peer is the client. With n > 0, the last n addresses
 * (the socket's peer and the n−1 rightmost X-Forwarded-For entries) are our proxies, and the
 * entry before them is the client. Entries further left were written by the client: ignored.
 */
export function resolveClientIp(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  trustedHops: number,
): string {
  const peer = normalize(socketAddress ?? '') || 'unknown';
  if (trustedHops <= 0) return peer;
  const chain = (forwardedFor ?? '')
    .split(',')
    .map(normalize)
    .filter((a) => a !== '')
    .concat(peer);
  const index = chain.length - 1 - trustedHops;
  return index >= 0 ? chain[index]!.slice(0, 64) : chain[0]!.slice(0, 64);
}

/** The address scripts/server.ts attached to this request. */
export function clientIp(req: Request): string {
  return req.headers.get(CLIENT_IP_HEADER) ?? 'unknown';
}
