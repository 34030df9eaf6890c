import { describe, expect, it } from 'vitest';
import { clientIp, CLIENT_IP_HEADER, resolveClientIp } from '@/lib/http/client-ip';

describe('resolveClientIp', () => {
  it('uses the socket peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(resolveClientIp('203.0.113.7', '1.2.3.4', 0)).toBe('203.0.113.7');
    expect(resolveClientIp('::ffff:203.0.113.7', undefined, 0)).toBe('203.0.113.7');
    expect(resolveClientIp('2001:db8::1', undefined, 0)).toBe('2001:db8::1');
    expect(resolveClientIp(undefined, undefined, 0)).toBe('unknown');
  });

  it('behind one trusted proxy, takes the address that proxy saw', () => {
    expect(resolveClientIp('10.0.0.2', '198.51.100.9', 1)).toBe('198.51.100.9');
    // A client that sends its own X-Forwarded-For only adds entries to the left.
    expect(resolveClientIp('10.0.0.2', '6.6.6.6, 198.51.100.9', 1)).toBe('198.51.100.9');
  });

  it('behind two trusted proxies, skips both', () => {
    expect(resolveClientIp('10.0.0.2', '6.6.6.6, 198.51.100.9, 10.0.0.1', 2)).toBe('198.51.100.9');
  });

  it('falls back to the leftmost address when the chain is shorter than the trusted hops', () => {
    expect(resolveClientIp('10.0.0.2', undefined, 1)).toBe('10.0.0.2');
    expect(resolveClientIp('10.0.0.2', '198.51.100.9', 5)).toBe('198.51.100.9');
  });

  it('bounds hostile header values', () => {
    const long = 'x'.repeat(10_000);
    expect(resolveClientIp('10.0.0.2', `${long}`, 1).length).toBeLessThanOrEqual(64);
    expect(resolveClientIp('10.0.0.2', ' , ,, ', 1)).toBe('10.0.0.2');
  });

  it('reads the address the server attached', () => {
    expect(clientIp(new Request('http://x/', { headers: { [CLIENT_IP_HEADER]: '198.51.100.9' } }))).toBe(
      '198.51.100.9',
    );
    expect(clientIp(new Request('http://x/'))).toBe('unknown');
  });
});
