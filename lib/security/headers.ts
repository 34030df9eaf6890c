/**
 * Security headers for every response. Pages get a Content-Security-Policy with a per-request
 * nonce (Next.js puts it on its own scripts; the root layout on the theme script), so no inline
 * script runs unless this server wrote it.
 */
export type SecurityOptions = {
  /** `next dev` needs eval for its hot-reload runtime. */
  dev: boolean;
  /** Send Strict-Transport-Security (production only: it pins the host to HTTPS for a year). */
  hsts: boolean;
  /** Share pages may be embedded by any site (they are public and read-only); nothing else may. */
  embeddable?: boolean;
};

/** 16 random bytes, base64: unguessable and valid as a CSP nonce-source. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(
  nonce: string,
  { dev, embeddable = false }: Pick<SecurityOptions, 'dev' | 'embeddable'>,
): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Charts and React set style attributes; styles cannot run code, scripts stay strict.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    embeddable ? 'frame-ancestors *' : "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(nonce: string, options: SecurityOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(nonce, options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  // The legacy header for browsers without frame-ancestors; it cannot express "anyone".
  if (!options.embeddable) headers['X-Frame-Options'] = 'DENY';
  if (options.hsts) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}

/**
 * Security headers for answers that are never documents (browser beacons), on routes proxy.ts
 * leaves out: nothing in them may run, be framed or be sniffed as another type.
 */
export function beaconSecurityHeaders(production = process.env.NODE_ENV === 'production'): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
  if (production) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}
