import { describe, expect, it } from 'vitest';
import { fanOut } from '@/lib/ingest/requests';
import { RED_METRICS, statusClass } from '@/lib/metrics';

const base = { service: 'api', route: '/users/[id]', method: 'GET', ts: 1_000 };

describe('request records', () => {
  it('become a duration and a request count by status class, and nothing else when that is all they say', () => {
    const points = fanOut([{ ...base, status: 200, durationMs: 12.5 }]);
    expect(points).toEqual([
      {
        name: RED_METRICS.duration,
        kind: 'distribution',
        unit: 'ms',
        tags: { service: 'api', route: '/users/[id]', method: 'GET', status_class: '2xx' },
        ts: 1_000,
        value: 12.5,
      },
      {
        name: RED_METRICS.requests,
        kind: 'counter',
        unit: null,
        tags: { service: 'api', route: '/users/[id]', method: 'GET', status_class: '2xx' },
        ts: 1_000,
        value: 1,
      },
    ]);
  });

  it('count errors for 5xx only, and carry DB time, queries, cache and sizes when given', () => {
    const points = fanOut([
      {
        ...base,
        status: 503,
        durationMs: 900,
        dbTimeMs: 700,
        dbQueries: 12,
        cacheHit: false,
        requestBytes: 0,
        responseBytes: 512,
      },
      { ...base, status: 404, durationMs: 3, cacheHit: true },
    ]);
    const names = points.map((p) => p.name);
    expect(names.filter((n) => n === RED_METRICS.errors)).toHaveLength(1);
    expect(points.find((p) => p.name === RED_METRICS.dbDuration)?.value).toBe(700);
    expect(points.find((p) => p.name === RED_METRICS.dbQueries)?.value).toBe(12);
    expect(names).toContain(RED_METRICS.cacheMisses);
    expect(names).toContain(RED_METRICS.cacheHits);
    expect(points.find((p) => p.name === RED_METRICS.requestSize)?.value).toBe(0);
    expect(points.find((p) => p.name === RED_METRICS.responseSize)).toMatchObject({ value: 512, unit: 'By' });
    expect(points.filter((p) => p.name === RED_METRICS.requests).map((p) => p.tags.status_class)).toEqual([
      '5xx',
      '4xx',
    ]);
  });

  it('name status classes', () => {
    expect([100, 204, 301, 429, 599].map(statusClass)).toEqual(['1xx', '2xx', '3xx', '4xx', '5xx']);
  });
});
