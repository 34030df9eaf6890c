/**
 * The origin a request was addressed to, as the browser saw it: PUBLIC_URL when configured,
 * otherwise the Host header and the scheme scripts/server.ts decided (https only when a trusted
 * proxy said so). Forms and cookie-authenticated mutations must carry this origin (CSRF).
 */
export const PROTO_HEADER = 'x-observatory-proto';

/** The scheme the client used: the socket's (http) unless a trusted proxy reports https. */
export function resolveProto(forwardedProto: string | undefined, trustedHops: number): 'http' | 'https' {
  if (trustedHops <= 0 || !forwardedProto) return 'http';
  // Each proxy may append its own value; the first one is what the client used.
  return forwardedProto.split(',')[0]!.trim().toLowerCase() === 'https' ? 'https' : 'http';
}

type HeaderSource = Pick<Headers, 'get'>;

export function requestOrigin(headers: HeaderSource, publicUrl: string | undefined): string | null {
  if (publicUrl) return publicUrl;
  const host = headers.get('host');
  if (!host || !/^[A-Za-z0-9.\-[\]:]{1,260}$/.test(host)) return null;
  const proto = headers.get(PROTO_HEADER) === 'https' ? 'https' : 'http';
  return `${proto}://${host.toLowerCase()}`;
}

/** Whether a request comes from a page of this origin (its Origin header matches exactly). */
export function isSameOrigin(headers: HeaderSource, publicUrl: string | undefined): boolean {
  const expected = requestOrigin(headers, publicUrl);
  const origin = headers.get('origin');
  return expected !== null && origin !== null && origin.toLowerCase() === expected;
}
