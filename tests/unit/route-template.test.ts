import { describe, expect, it } from 'vitest';
import {
  MAX_ROUTE_LENGTH,
  MAX_ROUTE_SEGMENTS,
  ROUTE_OVERFLOW,
  ROUTE_PLACEHOLDERS,
  templateRoute,
} from '@/lib/ingest/route-template';

const segments = (route: string) => route.split('/').slice(1);

describe('templateRoute', () => {
  it('exports the placeholder names', () => {
    expect([...ROUTE_PLACEHOLDERS].sort()).toEqual(['date', 'email', 'hash', 'id', 'token', 'uuid']);
  });

  it('drops the query string and fragment', () => {
    expect(templateRoute('/search?q=1&page=2')).toBe('/search');
    expect(templateRoute('/docs#intro')).toBe('/docs');
    expect(templateRoute('/a/b?x=/c#/d')).toBe('/a/b');
    expect(templateRoute('/a#frag?notquery')).toBe('/a');
    expect(templateRoute('?only=query')).toBe('/');
  });

  it('collapses repeated slashes and strips the trailing slash', () => {
    expect(templateRoute('//api///v1////users//')).toBe('/api/v1/users');
    expect(templateRoute('/users/')).toBe('/users');
    expect(templateRoute('/')).toBe('/');
    expect(templateRoute('')).toBe('/');
    expect(templateRoute('///')).toBe('/');
    expect(templateRoute('relative/path')).toBe('/relative/path');
  });

  it('keeps ordinary words', () => {
    for (const route of ['/api/v1/users', '/blog/hello-world', '/top-10-tips-for-html5-in-2026', '/v2/health.json']) {
      expect(templateRoute(route)).toBe(route);
    }
    expect(templateRoute('/internationalization-guide')).toBe('/internationalization-guide');
  });

  it('replaces integers with [id]', () => {
    expect(templateRoute('/users/123')).toBe('/users/[id]');
    expect(templateRoute('/users/0/orders/42')).toBe('/users/[id]/orders/[id]');
    expect(templateRoute('/users/-1')).toBe('/users/-1');
  });

  it('replaces UUIDs of any case with [uuid]', () => {
    expect(templateRoute('/u/550e8400-e29b-41d4-a716-446655440000')).toBe('/u/[uuid]');
    expect(templateRoute('/u/550E8400-E29B-41D4-A716-446655440000/x')).toBe('/u/[uuid]/x');
  });

  it('replaces hex strings of 16+ characters with [hash]', () => {
    expect(templateRoute('/objects/507f1f77bcf86cd799439011')).toBe('/objects/[hash]'); // Mongo ObjectId
    expect(templateRoute('/commit/da39a3ee5e6b4b0d3255bfef95601890afd80709')).toBe('/commit/[hash]');
    expect(templateRoute('/c/DEADBEEFCAFEBABE')).toBe('/c/[hash]');
    expect(templateRoute('/c/deadbeefcafe')).toBe('/c/deadbeefcafe'); // only 12
  });

  it('replaces long opaque tokens with [token]', () => {
    expect(templateRoute('/reset/eyJhbGciOiJIUzI1NiJ9abc123')).toBe('/reset/[token]');
    expect(templateRoute('/s/Zx9_kQ2-mP7rT4vW8yB3nL6')).toBe('/s/[token]');
    expect(templateRoute('/s/aGVsbG8gd29ybGQgdG9rZW4x==')).toBe('/s/[token]');
    expect(templateRoute('/s/abcdefghijklmnopqrstuvwxyz')).toBe('/s/abcdefghijklmnopqrstuvwxyz'); // no digits
    expect(templateRoute('/s/a1b2c3d4e5')).toBe('/s/a1b2c3d4e5'); // too short
  });

  it('replaces dates with [date] and emails with [email]', () => {
    expect(templateRoute('/reports/2026-11-23')).toBe('/reports/[date]');
    expect(templateRoute('/reports/2026-13-45')).toBe('/reports/2026-13-45');
    expect(templateRoute('/users/jane.doe+tag@example.co.uk/profile')).toBe('/users/[email]/profile');
    expect(templateRoute('/users/jane%40example.com')).toBe('/users/[email]');
    expect(templateRoute('/a@b')).toBe('/a@b');
  });

  it('leaves already templated segments alone', () => {
    expect(templateRoute('/users/[id]/posts/:postId/files/{fileId}')).toBe('/users/[id]/posts/:postId/files/{fileId}');
    expect(templateRoute('/docs/[...slug]')).toBe('/docs/[...slug]');
    expect(templateRoute('/docs/[[...slug]]')).toBe('/docs/[[...slug]]');
  });

  it('percent-decodes safely', () => {
    expect(templateRoute('/caf%C3%A9')).toBe('/café');
    expect(templateRoute('/price/%E2%82%AC')).toBe('/price/€');
    expect(templateRoute('/users/%31%32%33')).toBe('/users/[id]');
    // invalid or truncated escapes and overlong encodings stay as they are
    expect(templateRoute('/bad/%ZZ/%E2%82/%C0%AF/100%')).toBe('/bad/%ZZ/%E2%82/%C0%AF/100%');
    // an encoded slash, query, fragment or percent never changes the shape of the path
    expect(templateRoute('/a%2Fb/c%3Fd/e%23f/g%2541')).toBe('/a%2Fb/c%3Fd/e%23f/g%2541');
    // control and format characters stay encoded
    expect(templateRoute('/x%00y/x%0Ay/x%E2%80%AEy')).toBe('/x%00y/x%0Ay/x%E2%80%AEy');
  });

  it('is idempotent', () => {
    for (const route of [
      '/users/123/orders/507f1f77bcf86cd799439011',
      '/a%2Fb',
      '/' + 'x/'.repeat(40),
      '/' + 'y'.repeat(500),
    ]) {
      const once = templateRoute(route);
      expect(templateRoute(once)).toBe(once);
    }
  });

  it('caps the result at 20 segments', () => {
    const route = templateRoute('/' + Array.from({ length: 30 }, (_, i) => `s${i}`).join('/'));
    const parts = segments(route);
    expect(parts).toHaveLength(MAX_ROUTE_SEGMENTS + 1);
    expect(parts[MAX_ROUTE_SEGMENTS - 1]).toBe('s19');
    expect(parts.at(-1)).toBe(ROUTE_OVERFLOW);
    const exactly = '/' + Array.from({ length: 20 }, (_, i) => `s${i}`).join('/');
    expect(templateRoute(exactly)).toBe(exactly);
  });

  it('caps the result at 200 characters', () => {
    const long = templateRoute('/' + Array.from({ length: 10 }, () => 'w'.repeat(30)).join('/'));
    expect(long.length).toBeLessThanOrEqual(MAX_ROUTE_LENGTH);
    expect(long.endsWith('/' + ROUTE_OVERFLOW)).toBe(true);
    expect(long.startsWith('/' + 'w'.repeat(30) + '/')).toBe(true);

    const single = templateRoute('/' + 'w'.repeat(1_000));
    expect(single).toHaveLength(MAX_ROUTE_LENGTH);
    expect(single.endsWith('…')).toBe(true);

    // a cut never splits a surrogate pair
    const emoji = templateRoute('/' + '😀'.repeat(300));
    expect(emoji.length).toBeLessThanOrEqual(MAX_ROUTE_LENGTH);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('handles hostile inputs', () => {
    expect(templateRoute('/'.repeat(10_000))).toBe('/');
    expect(templateRoute('/'.repeat(10_000) + 'a' + '/'.repeat(10_000) + '42')).toBe('/a/[id]');

    const hundredKb = 100 * 1024;
    expect(templateRoute('/' + 'w'.repeat(hundredKb))).toHaveLength(MAX_ROUTE_LENGTH);
    expect(templateRoute('/' + 'a'.repeat(hundredKb))).toBe('/[hash]'); // all hex
    expect(templateRoute('/' + '1'.repeat(hundredKb))).toBe('/[id]');
    expect(templateRoute('/' + 'ab12'.repeat(hundredKb / 4))).toBe('/[hash]');
    expect(templateRoute('/' + 'xY9k'.repeat(hundredKb / 4))).toBe('/[token]');
    expect(templateRoute('/' + 'xy9_'.repeat(hundredKb / 4))).toHaveLength(MAX_ROUTE_LENGTH); // short runs: a slug
    expect(templateRoute('/a@' + '.'.repeat(hundredKb) + '@')).toHaveLength(MAX_ROUTE_LENGTH);
    expect(templateRoute('/x@' + 'a.'.repeat(hundredKb / 2))).toHaveLength(MAX_ROUTE_LENGTH);
    expect(templateRoute('/' + '%'.repeat(hundredKb))).toHaveLength(MAX_ROUTE_LENGTH);
    expect(templateRoute('/' + '%E2%82'.repeat(hundredKb / 6))).toHaveLength(MAX_ROUTE_LENGTH);
    expect(templateRoute('/' + '[a'.repeat(hundredKb / 2))).toHaveLength(MAX_ROUTE_LENGTH);

    const manySegments = templateRoute('/a'.repeat(hundredKb / 2));
    expect(segments(manySegments)).toHaveLength(MAX_ROUTE_SEGMENTS + 1);
    expect(templateRoute('/../../etc/passwd')).toBe('/../../etc/passwd');
  });
});
