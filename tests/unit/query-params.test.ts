import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/http/errors';
import { parseInput } from '@/lib/http/issues';
import { redQuery, statsQuery, timeseriesQuery, topQuery } from '@/lib/queries/params';

function refusal(schema: Parameters<typeof parseInput>[0], value: unknown): ApiError {
  try {
    parseInput(schema, value);
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('accepted');
}

describe('query parameters', () => {
  it('default to the last hour and turn tag.<key> into filters', () => {
    const q = parseInput(statsQuery, { project: 'shop', metric: 'latency', 'tag.route': '/a', 'tag.method': 'GET' });
    expect(q.filters).toEqual({ route: '/a', method: 'GET' });
    expect(q.range.to - q.range.from).toBe(3_600_000);
  });

  it('take ms and ISO times', () => {
    const q = parseInput(statsQuery, {
      project: 'p',
      metric: 'm',
      from: '2026-11-23T00:00:00Z',
      to: String(Date.UTC(2026, 10, 23, 1)),
    });
    expect(q.range).toEqual({ from: Date.UTC(2026, 10, 23), to: Date.UTC(2026, 10, 23, 1) });
  });

  it.each([
    [{ metric: 'm' }, /project/],
    [{ project: 'p' }, /name/],
    [{ project: 'p', metric: "m'; DROP TABLE x" }, /name/],
    [{ project: 'p', metric: 'm', from: 'yesterday' }, /from/],
    [{ project: 'p', metric: 'm', from: '2000', to: '1000' }, /before/],
    [{ project: 'p', metric: 'm', from: '0', to: String(500 * 86_400_000) }, /400 days/],
    [{ project: 'p', metric: 'm', sql: 'x' }, /tag\.<key>/],
    [{ project: 'p', metric: 'm', 'tag.__proto__': 'x' }, /tag\.<key>/],
    [{ project: 'p', metric: 'm', 'tag.route': ['/a', '/b'] }, /one printable value/],
    [{ project: 'p', metric: 'm', 'tag.route': 'a\u0000b' }, /one printable value/],
    [{ project: 'x'.repeat(101), metric: 'm' }, /too long/],
  ])('refuse %j', (value, message) => {
    const err = refusal(statsQuery, value);
    expect(err.status).toBe(422);
    expect(err.message).toMatch(message);
  });

  it('check top-N options', () => {
    expect(refusal(topQuery, { project: 'p', metric: 'm' }).message).toMatch(/by/);
    expect(refusal(topQuery, { project: 'p', metric: 'm', by: 'route', order: 'median' }).message).toMatch(/order/);
    expect(refusal(topQuery, { project: 'p', metric: 'm', by: 'route', limit: '1000' }).message).toMatch(/limit/);
    expect(parseInput(topQuery, { project: 'p', metric: 'm', by: 'route' })).toMatchObject({ order: 'p95', limit: 10 });
  });

  it('take a timeseries step and a subset of statistics', () => {
    const day = { project: 'p', metric: 'm', from: '0', to: String(86_400_000) };
    expect(parseInput(timeseriesQuery, { ...day, step: '5m', stats: 'p95,count,p95' })).toMatchObject({
      step: 300_000,
      stats: ['p95', 'count'],
      points: 300,
    });
    expect(parseInput(timeseriesQuery, { ...day, step: '1d' }).step).toBe(86_400_000);
    expect(parseInput(timeseriesQuery, day).step).toBeUndefined();
  });

  it.each([
    [{ step: '0m' }, /step must be a whole number/],
    [{ step: '1.5h' }, /step must be a whole number/],
    [{ step: '1w' }, /step must be a whole number/],
    [{ step: '1m' }, /more than 1000 steps/],
    [{ step: '99999d' }, /at most 31 days/],
    [{ step: ['5m', '1h'] }, /step/],
    [{ stats: 'p95,median' }, /stats may list only/],
    [{ stats: '' }, /stats may list only/],
    [{ stats: 'p95,'.repeat(60) }, /too long/],
    [{ points: '5' }, /points/],
  ])('refuse the timeseries option %j', (option, message) => {
    const err = refusal(timeseriesQuery, {
      project: 'p',
      metric: 'm',
      from: '0',
      to: String(2 * 86_400_000),
      ...option,
    });
    expect(err.status).toBe(422);
    expect(err.message).toMatch(message);
  });

  it('take an Apdex threshold in ms for RED, 500 by default, and no metric', () => {
    expect(parseInput(redQuery, { project: 'p' }).apdexT).toBe(500);
    expect(parseInput(redQuery, { project: 'p', apdexT: '250', 'tag.route': '/a' })).toMatchObject({
      apdexT: 250,
      filters: { route: '/a' },
    });
    for (const apdexT of ['0', '-1', 'NaN', 'Infinity', '1e9', 'abc']) {
      expect(refusal(redQuery, { project: 'p', apdexT }).message, apdexT).toMatch(/apdexT/);
    }
    expect(refusal(redQuery, { project: 'p', metric: 'm' }).message).toMatch(/tag\.<key>/);
  });
});
