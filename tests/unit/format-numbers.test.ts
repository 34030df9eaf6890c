import { describe, expect, it } from 'vitest';
import { sortEndpoints } from '@/components/endpoints/sort';
import type { EndpointRow } from '@/lib/queries/endpoints';
import { formatMetric } from '@/components/observatory/format';
import {
  change,
  formatCount,
  formatMs,
  formatMsTick,
  formatPercent,
  formatRate,
  formatRatio,
  formatSpent,
} from '@/lib/format/numbers';

describe('dashboard number formats', () => {
  it('show milliseconds with sensible precision and seconds past one', () => {
    expect(formatMs(0)).toBe('0 ms');
    expect(formatMs(0.4234)).toBe('0.42 ms');
    expect(formatMs(4.26)).toBe('4.26 ms');
    expect(formatMs(42.26)).toBe('42.3 ms');
    expect(formatMs(182.4)).toBe('182 ms');
    expect(formatMs(1_250)).toBe('1.25 s');
    expect(formatMs(12_500)).toBe('12.5 s');
    expect(formatMs(null)).toBe('–');
    expect(formatMs(Number.NaN)).toBe('–');
    expect(formatMs(Infinity)).toBe('–');
  });

  it('keep axis ticks short', () => {
    expect([0, 2.5, 80, 80.4, 240, 1_000, 1_500, 12_345].map(formatMsTick)).toEqual([
      '0 ms',
      '2.5 ms',
      '80 ms',
      '80 ms',
      '240 ms',
      '1 s',
      '1.5 s',
      '12.3 s',
    ]);
  });

  it('show rates, counts and percentages', () => {
    expect(formatRate(0)).toBe('0');
    expect(formatRate(0.00004)).toBe('<0.0001');
    expect(formatRate(0.0095)).toBe('0.0095');
    expect(formatRate(0.004)).toBe('0.004');
    expect(formatRate(0.125)).toBe('0.125');
    expect(formatRate(2.5)).toBe('2.5');
    expect(formatRate(1234.6)).toBe('1,235');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.00004)).toBe('<0.01%');
    expect(formatPercent(0.0042)).toBe('0.42%');
    expect(formatPercent(0.042)).toBe('4.2%');
    expect(formatPercent(0.42)).toBe('42%');
    expect(formatPercent(0.9977)).toBe('99.8%');
    expect(formatPercent(0.99999)).toBe('99.9%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(null)).toBe('–');
  });

  it('show a ratio by its unit: 0.026 in `1` and 2.6 in `%` are both 2.6%', () => {
    expect(formatRatio(0.026, '1')).toBe('2.6%');
    expect(formatRatio(2.6, '%')).toBe('2.6%');
    expect(formatRatio(0.0078, '1')).toBe('0.78%');
    expect(formatRatio(0.78, '%')).toBe('0.78%');
    expect(formatRatio(0.5714, '1')).toBe('57.1%');
    expect(formatRatio(1, '1')).toBe('100%');
    expect(formatRatio(100, '%')).toBe('100%');
    expect(formatRatio(0, '1')).toBe('0%');
    expect(formatRatio(0.00004, '1')).toBe('<0.01%');
    expect(formatRatio(-0.00004, '1')).toBe('>-0.01%');
    expect(formatRatio(-0.25, '1')).toBe('-25%');
    expect(formatRatio(-0.5, '%')).toBe('-0.50%');
    // Beyond 100 % is possible (a process using several cores); thousands are grouped.
    expect(formatRatio(12.5, '1')).toBe('1,250%');
    expect(formatRatio(1e15, '%')).toBe('1.00e+15%');
    expect(formatRatio(Number.MAX_VALUE, '1')).toBe('>1e308%');
    expect(formatRatio(-Number.MAX_VALUE, '1')).toBe('<-1e308%');
    for (const missing of [null, undefined, Number.NaN, Infinity, -Infinity]) {
      expect(formatRatio(missing, '1')).toBe('–');
      expect(formatRatio(missing, '%')).toBe('–');
    }
  });

  it('show the Observatory view’s metrics by unit, ratios alike in `1` and `%`', () => {
    expect(formatMetric(0.026, '1')).toBe(formatMetric(2.6, '%'));
    expect(formatMetric(0.453, '1')).toBe('45.3%');
    expect(formatMetric(45.3, '%')).toBe('45.3%');
    // Not ratios: a plain number, whatever it looks like.
    expect(formatMetric(0.026, null)).toBe('0');
    expect(formatMetric(2.6, null)).toBe('2.6');
    expect(formatMetric(Number.NaN, '1')).toBe('–');
  });

  it('compute a change only against a non-zero value', () => {
    expect(change(150, 100)).toBeCloseTo(0.5, 12);
    expect(change(50, 100)).toBeCloseTo(-0.5, 12);
    expect(change(5, 0)).toBeNull();
    expect(change(null, 1)).toBeNull();
    expect(change(1, null)).toBeNull();
  });
});

describe('sorting the endpoints table', () => {
  const row = (route: string, requests: number, p95: number | null): EndpointRow => ({
    service: 's',
    method: 'GET',
    route,
    requests,
    rate: requests / 60,
    errors: 0,
    errorRate: requests ? 0 : null,
    p50: p95,
    p95,
    p99: p95,
    max: p95,
    time: requests * (p95 ?? 0),
    previous: null,
    trend: { requests: [], p95: [] },
  });
  const rows = [row('/b', 10, 300), row('/a', 30, null), row('/c', 20, 100)];

  it('orders by a number either way, missing values last both times', () => {
    expect(sortEndpoints(rows, { column: 'p95', direction: 'descending' }).map((r) => r.route)).toEqual([
      '/b',
      '/c',
      '/a',
    ]);
    expect(sortEndpoints(rows, { column: 'p95', direction: 'ascending' }).map((r) => r.route)).toEqual([
      '/c',
      '/b',
      '/a',
    ]);
    expect(sortEndpoints(rows, { column: 'requests', direction: 'descending' }).map((r) => r.route)).toEqual([
      '/a',
      '/c',
      '/b',
    ]);
    // Time spent: a route with many fast requests (a health check) below a slower, quieter one.
    expect(sortEndpoints(rows, { column: 'time', direction: 'descending' }).map((r) => r.route)).toEqual([
      '/b',
      '/c',
      '/a',
    ]);
  });

  it('writes time spent in the largest unit that keeps it short', () => {
    expect(formatSpent(950)).toBe('950 ms');
    expect(formatSpent(12_400)).toBe('12.4 s');
    expect(formatSpent(210_000)).toBe('3.5 min');
    expect(formatSpent(2.5 * 3_600_000)).toBe('2.5 h');
    expect(formatSpent(125 * 86_400_000)).toBe('125 d');
    expect(formatSpent(Number.NaN)).toBe('–');
  });

  it('orders by route name, and leaves its input alone', () => {
    expect(sortEndpoints(rows, { column: 'route', direction: 'ascending' }).map((r) => r.route)).toEqual([
      '/a',
      '/b',
      '/c',
    ]);
    expect(sortEndpoints(rows, { column: 'route', direction: 'descending' }).map((r) => r.route)).toEqual([
      '/c',
      '/b',
      '/a',
    ]);
    expect(rows.map((r) => r.route)).toEqual(['/b', '/a', '/c']);
  });
});
