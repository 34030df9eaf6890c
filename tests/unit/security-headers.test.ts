import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, securityHeaders } from '@/lib/security/headers';

describe('security headers', () => {
  it('makes a fresh, unguessable nonce each time', () => {
    const nonces = new Set(Array.from({ length: 1_000 }, createNonce));
    expect(nonces.size).toBe(1_000);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it('allows only nonce-bearing scripts, and eval only in development', () => {
    const prod = contentSecurityPolicy('abc', { dev: false });
    const scriptSrc = prod.split('; ').find((d) => d.startsWith('script-src'));
    expect(scriptSrc).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(prod).toContain("frame-ancestors 'none'");
    expect(prod).toContain("object-src 'none'");
    expect(contentSecurityPolicy('abc', { dev: true })).toContain("'unsafe-eval'");
  });

  it('sends HSTS only when asked (production)', () => {
    expect(securityHeaders('n', { dev: false, hsts: true })['Strict-Transport-Security']).toMatch(/^max-age=31536000/);
    expect(securityHeaders('n', { dev: true, hsts: false })).not.toHaveProperty('Strict-Transport-Security');
    expect(securityHeaders('n', { dev: false, hsts: false })).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'X-Frame-Options': 'DENY',
    });
  });

  it('lets only share pages be embedded', () => {
    const shared = securityHeaders('n', { dev: false, hsts: true, embeddable: true });
    expect(shared['Content-Security-Policy']).toContain('frame-ancestors *');
    expect(shared).not.toHaveProperty('X-Frame-Options');
    expect(securityHeaders('n', { dev: false, hsts: true })['Content-Security-Policy']).toContain(
      "frame-ancestors 'none'",
    );
  });
});
