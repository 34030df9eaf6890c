import { describe, expect, it } from 'vitest';
import { parseSort } from '@/components/endpoints/sort';
import { formatBytes, formatMetric } from '@/components/observatory/format';
import { againstGoal, apdexRating, scoreRating } from '@/components/observatory/ratings';
import { DEFAULT_GOALS, goalsWith } from '@/lib/goals/definitions';
import { formatGoalLevel, goalLevels } from '@/lib/goals/format';
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
  it('hold a value against its goal: within up to the target, above it to critical, critical past that', () => {
    const p95 = DEFAULT_GOALS.p95;
    expect(againstGoal(500, p95)).toEqual({ tone: 'good', label: 'Within goal' });
    expect(againstGoal(500.1, p95)).toEqual({ tone: 'warn', label: 'Above goal' });
    expect(againstGoal(1_000, p95)).toEqual({ tone: 'warn', label: 'Above goal' });
    expect(againstGoal(1_000.1, p95)).toEqual({ tone: 'poor', label: 'Critical' });
    expect(againstGoal(null, p95)).toBeNull();
    // A project's own levels, and a goal where higher is better.
    const own = goalsWith({ cpu: { target: 50, critical: 60 }, throughput: { target: 200, critical: 50 } });
    expect(againstGoal(55, own.cpu)?.label).toBe('Above goal');
    expect(againstGoal(61, own.cpu)?.label).toBe('Critical');
    expect(againstGoal(200, own.throughput)?.label).toBe('Meets goal');
    expect(againstGoal(100, own.throughput)?.label).toBe('Below goal');
    expect(againstGoal(49, own.throughput)?.label).toBe('Critical');
  });

  it('name the goal and its critical level in the unit', () => {
    expect(goalLevels(DEFAULT_GOALS.p99)).toBe('≤ 1.00 s · critical > 2.00 s');
    expect(goalLevels(DEFAULT_GOALS.errorRate)).toBe('≤ 0.1% · critical > 1%');
    expect(goalLevels(DEFAULT_GOALS.throughput)).toBe('≥ 1,000 req/s · critical < 500 req/s');
    expect(formatGoalLevel(0.125, '%')).toBe('0.125%');
  });

  it('band Apdex and the score at their edges', () => {
    expect(apdexRating(0.94)?.label).toBe('Excellent');
    expect(apdexRating(0.9399)?.label).toBe('Good');
    expect(apdexRating(0.85)?.label).toBe('Good');
    expect(apdexRating(0.7)?.label).toBe('Fair');
    expect(apdexRating(0.5)?.label).toBe('Poor');
    expect(apdexRating(0.49)?.label).toBe('Unacceptable');
    expect(apdexRating(null)).toBeNull();
    expect(scoreRating(90)?.label).toBe('Good');
    expect(scoreRating(89)?.label).toBe('Needs improvement');
    expect(scoreRating(49)?.label).toBe('Poor');
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
