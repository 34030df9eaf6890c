import { describe, expect, it } from 'vitest';
import { sortBreakdown } from '@/components/web-vitals/BreakdownTable';
import type { VitalBreakdownRow } from '@/lib/queries/web-vitals';
import { formatVital } from '@/lib/format/vitals';
import { webVitalsView, type SearchParamsLike } from '@/lib/views';

/** The view's own part of its state. */
function parseVitalFilters(params: SearchParamsLike) {
  const { percentile, route, device } = webVitalsView.parse(params);
  return { percentile, route, device };
}

describe('the Web Vitals view URL state', () => {
  it('reads the percentile, page route and device', () => {
    expect(parseVitalFilters(new URLSearchParams('percentile=p99&route=/products/[id]&device=tablet'))).toEqual({
      percentile: 'p99',
      route: '/products/[id]',
      device: 'tablet',
    });
    expect(parseVitalFilters({ percentile: ['p90', 'p95'] }).percentile).toBe('p90');
    expect(parseVitalFilters(null)).toEqual({ percentile: 'p75', route: null, device: null });
  });

  it.each([
    'percentile=p50',
    'percentile=P95',
    'percentile=%3Cscript%3E',
    `percentile=${'p'.repeat(5000)}`,
    'device=phone',
    'device=Mobile',
    'route=%00',
    'route=%E2%80%AE/admin',
    `route=/${'a'.repeat(300)}`,
    'route=',
  ])('falls back to the defaults for %s', (qs) => {
    expect(parseVitalFilters(new URLSearchParams(qs.slice(0, 400)))).toEqual({
      percentile: 'p75',
      route: null,
      device: null,
    });
  });
});

describe('vital values on screen', () => {
  it('shows durations as milliseconds or seconds and CLS without a unit', () => {
    expect(formatVital('LCP', 2512.4)).toBe('2.51 s');
    expect(formatVital('INP', 228)).toBe('228 ms');
    expect(formatVital('CLS', 0.1)).toBe('0.10');
    expect(formatVital('CLS', 0.004)).toBe('0.004');
    expect(formatVital('CLS', 0)).toBe('0');
    expect(formatVital('TTFB', null)).toBe('–');
    expect(formatVital('FCP', Number.NaN)).toBe('–');
  });
});

describe('the breakdown tables order', () => {
  const row = (key: string, samples: number, score: number | null, lcp: number | null): VitalBreakdownRow => {
    const empty = { count: 0, value: null, rating: null };
    return {
      key,
      samples,
      score,
      vitals: { LCP: { count: 1, value: lcp, rating: null }, INP: empty, CLS: empty, FCP: empty, TTFB: empty },
    };
  };
  const rows = [row('/b', 10, 80, 3000), row('/a', 30, 95, 1200), row('/c', 20, null, null), row('/d', 5, 80, 900)];

  it('sorts by score (worst first), samples and a vital, rows without a value last either way, ties by samples', () => {
    const keys = (r: VitalBreakdownRow[]) => r.map((x) => x.key);
    expect(keys(sortBreakdown(rows, { column: 'score', direction: 'ascending' }))).toEqual(['/b', '/d', '/a', '/c']);
    expect(keys(sortBreakdown(rows, { column: 'score', direction: 'descending' }))).toEqual(['/a', '/b', '/d', '/c']);
    expect(keys(sortBreakdown(rows, { column: 'samples', direction: 'descending' }))).toEqual(['/a', '/c', '/b', '/d']);
    expect(keys(sortBreakdown(rows, { column: 'LCP', direction: 'descending' }))).toEqual(['/b', '/a', '/d', '/c']);
    expect(keys(sortBreakdown(rows, { column: 'LCP', direction: 'ascending' }))).toEqual(['/d', '/a', '/b', '/c']);
    expect(keys(sortBreakdown(rows, { column: 'key', direction: 'descending' }))).toEqual(['/d', '/c', '/b', '/a']);
    // Equal scores: more samples first, as the query ranks pages, whichever the direction.
    const tied = [row('/a', 5, 70, 1), row('/b', 50, 70, 1), row('/c', 50, 70, 1)];
    expect(keys(sortBreakdown(tied, { column: 'score', direction: 'ascending' }))).toEqual(['/b', '/c', '/a']);
    expect(keys(sortBreakdown(tied, { column: 'score', direction: 'descending' }))).toEqual(['/b', '/c', '/a']);
  });
});
