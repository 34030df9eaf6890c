import { describe, expect, it } from 'vitest';
import { isSameOrigin, PROTO_HEADER, requestOrigin, resolveProto } from '@/lib/http/origin';

const h = (entries: Record<string, string>) => new Headers(entries);

describe('request origin', () => {
  it('believes X-Forwarded-Proto only behind a trusted proxy', () => {
    expect(resolveProto('https', 0)).toBe('http');
    expect(resolveProto('https', 1)).toBe('https');
    expect(resolveProto('HTTPS, http', 2)).toBe('https');
    expect(resolveProto('gopher', 1)).toBe('http');
    expect(resolveProto(undefined, 1)).toBe('http');
  });

  it('is PUBLIC_URL when set, else the Host with the decided scheme', () => {
    expect(requestOrigin(h({ host: 'evil.example' }), 'https://obs.example')).toBe('https://obs.example');
    expect(requestOrigin(h({ host: 'Obs.Example:8080' }), undefined)).toBe('http://obs.example:8080');
    expect(requestOrigin(h({ host: 'obs.example', [PROTO_HEADER]: 'https' }), undefined)).toBe('https://obs.example');
    expect(requestOrigin(h({ host: '[::1]:3000' }), undefined)).toBe('http://[::1]:3000');
    for (const bad of ['a b', 'x/y', 'a@b', '', 'h'.repeat(300)]) {
      expect(requestOrigin(h(bad ? { host: bad } : {}), undefined), bad).toBeNull();
    }
  });

  it('matches the Origin header exactly', () => {
    const base = { host: 'obs.example' };
    expect(isSameOrigin(h({ ...base, origin: 'http://obs.example' }), undefined)).toBe(true);
    expect(isSameOrigin(h({ ...base, origin: 'https://obs.example' }), undefined)).toBe(false);
    expect(isSameOrigin(h({ ...base, origin: 'http://obs.example.evil.com' }), undefined)).toBe(false);
    expect(isSameOrigin(h({ ...base, origin: 'null' }), undefined)).toBe(false);
    expect(isSameOrigin(h(base), undefined)).toBe(false);
    expect(isSameOrigin(h({ ...base, origin: 'https://obs.example' }), 'https://obs.example')).toBe(true);
    expect(isSameOrigin(h({ host: 'evil.example', origin: 'http://evil.example' }), 'https://obs.example')).toBe(false);
  });
});
