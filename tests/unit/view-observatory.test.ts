import { describe, expect, it } from 'vitest';
import { parseSort } from '@/components/endpoints/sort';
import { formatBytes, formatMetric } from '@/components/observatory/format';
import { againstBudget, apdexRating, cpuRating, errorRating, scoreRating } from '@/components/observatory/ratings';
import { BUSINESS_METRICS, INFRASTRUCTURE_METRICS, kindOf } from '@/lib/metrics';

describe('the endpoints order a link asks for', () => {
  it('sorts numbers from the highest and routes from A', () => {
    expect(parseSort('p95')).toEqual({ column: 'p95', direction: 'descending' });
    expect(parseSort('errorRate')).toEqual({ column: 'errorRate', direction: 'descending' });
    expect(parseSort('route')).toEqual({ column: 'route', direction: 'ascending' });
  });

  it.each([null, undefined, '', 'P95', 'p95 ', '<script>', '__proto__', 'x'.repeat(5000)])(
    'ignores %j (the default order)',
    (value) => expect(parseSort(value)).toBeNull(),
  );
});

describe('the observatory judgements, in words', () => {
  it('hold latency against its budget, the budget itself within it', () => {
    expect(againstBudget(500, 500)).toEqual({ tone: 'good', label: 'Within budget' });
    expect(againstBudget(500.1, 500)).toEqual({ tone: 'poor', label: 'Over budget' });
    expect(againstBudget(null, 500)).toBeNull();
  });

  it('band Apdex, the error rate, the score and CPU at their edges', () => {
    expect(apdexRating(0.94)?.label).toBe('Excellent');
    expect(apdexRating(0.9399)?.label).toBe('Good');
    expect(apdexRating(0.85)?.label).toBe('Good');
    expect(apdexRating(0.7)?.label).toBe('Fair');
    expect(apdexRating(0.5)?.label).toBe('Poor');
    expect(apdexRating(0.49)?.label).toBe('Unacceptable');
    expect(apdexRating(null)).toBeNull();
    expect(errorRating(0)?.label).toBe('Normal');
    expect(errorRating(0.0099)?.label).toBe('Normal');
    expect(errorRating(0.01)?.label).toBe('High');
    expect(errorRating(0.05)?.label).toBe('High');
    expect(errorRating(0.0501)?.label).toBe('Critical');
    expect(scoreRating(90)?.label).toBe('Good');
    expect(scoreRating(89)?.label).toBe('Needs improvement');
    expect(scoreRating(49)?.label).toBe('Poor');
    expect(cpuRating(70)?.label).toBe('Below target');
    expect(cpuRating(70.1)?.label).toBe('Above target');
  });
});

describe('metric values', () => {
  it('read in their units', () => {
    expect(formatMetric(57.14, '%')).toBe('57.1%');
    expect(formatMetric(2.5 * 1024 ** 3, 'By')).toBe('2.5 GB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatMetric(210, 's')).toBe('210.0 s');
    expect(formatMetric(37_843.4, 'USD')).toBe('$37,843');
    expect(formatMetric(23.44, null)).toBe('23.4');
    expect(formatMetric(null, '%')).toBe('–');
    expect(formatMetric(Number.NaN, null)).toBe('–');
  });

  it('are known by unique keys and names, counters as totals', () => {
    const all = [...INFRASTRUCTURE_METRICS, ...BUSINESS_METRICS];
    expect(new Set(all.map((m) => m.key)).size).toBe(all.length);
    expect(new Set(all.flatMap((m) => m.names)).size).toBe(all.flatMap((m) => m.names).length);
    expect(all.filter((m) => kindOf(m) === 'counter').map((m) => m.key)).toEqual(['pageViews', 'orders', 'revenue']);
  });
});
