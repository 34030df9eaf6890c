import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/http/errors';
import { parseInput } from '@/lib/http/issues';
import { redQuery, statsQuery, timeseriesQuery, topQuery } from '@/lib/queries/params';
import { endpointsView, endpointView, observatoryView, webVitalsView } from '@/lib/views';

const endpointsQuery = endpointsView.query;
const endpointQuery = endpointView.query;
const webVitalsQuery = webVitalsView.query;
const observatoryQuery = observatoryView.query;

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

describe('endpoints query parameters', () => {
  it('take a project, a range, compare and the service and method filters', () => {
    const q = parseInput(endpointsQuery, {
      project: 'shop',
      from: '1000',
      to: '2000',
      compare: '1',
      service: 'shop-api',
      method: 'GET',
    });
    expect(q).toMatchObject({ project: 'shop', compare: true, service: 'shop-api', method: 'GET' });
    expect(q.range).toEqual({ from: 1000, to: 2000 });
    expect(parseInput(endpointsQuery, { project: 'shop' }).compare).toBe(false);
    const one = parseInput(endpointQuery, { project: 'p', service: 's', method: 'GET', route: '/a/[id]/b[0]' });
    expect(one.route).toBe('/a/[id]/b[0]');
  });

  it.each([
    [{}, /project/],
    [{ project: '' }, /project/],
    [{ project: 'x'.repeat(101) }, /project.*too long/],
    [{ project: ['a', 'b'] }, /project/],
    [{ project: 'p', from: 'yesterday' }, /from/],
    [{ project: 'p', from: '-1' }, /from/],
    [{ project: 'p', to: '9'.repeat(400) }, /to/],
    [{ project: 'p', from: '2000', to: '1000' }, /from.*before/],
    [{ project: 'p', from: '0', to: String(401 * 86_400_000) }, /400 days/],
    [{ project: 'p', compare: 'yes' }, /compare/],
    [{ project: 'p', compare: ['1', '1'] }, /compare/],
    [{ project: 'p', service: '' }, /service.*empty/],
    [{ project: 'p', service: 's'.repeat(201) }, /service.*too long/],
    [{ project: 'p', service: ['a', 'b'] }, /service/],
    [{ project: 'p', method: 'GET\u0000' }, /method.*printable/],
    [{ project: 'p', method: '\u202eTEG' }, /method/],
    [{ project: 'p', sql: "1' OR '1'='1" }, /sql: unknown parameter/],
    [{ project: 'p', 'tag.route': '/a' }, /tag\.route: unknown parameter/],
    [{ project: 'p', __proto__x: 'x' }, /__proto__x: unknown parameter/],
  ])('refuse %j', (value, message) => {
    const err = refusal(endpointsQuery, value);
    expect(err.status).toBe(422);
    expect(err.message).toMatch(message);
  });

  it('refuse a hostile parameter name without echoing it whole', () => {
    const err = refusal(endpointsQuery, { project: 'p', ['x'.repeat(5000)]: '1' });
    expect(err.message.length).toBeLessThan(200);
  });

  it.each([
    [{ project: 'p', method: 'GET', route: '/a' }, /service/],
    [{ project: 'p', service: 's', route: '/a' }, /method/],
    [{ project: 'p', service: 's', method: 'GET' }, /route/],
    [{ project: 'p', service: 's', method: 'GET', route: 'r'.repeat(201) }, /route.*too long/],
    [{ project: 'p', service: 's', method: 'GET', route: '/a\nb' }, /route.*printable/],
  ])('refuse an incomplete or bad route: %j', (value, message) => {
    const err = refusal(endpointQuery, value);
    expect(err.status).toBe(422);
    expect(err.message).toMatch(message);
  });
});

describe('web vitals query parameters', () => {
  it('take a project, a range, compare, a percentile (p75 by default) and the route and device filters', () => {
    const q = parseInput(webVitalsQuery, {
      project: 'shop',
      from: '1000',
      to: '2000',
      compare: '1',
      percentile: 'p95',
      route: '/products/[id]',
      device: 'mobile',
    });
    expect(q).toMatchObject({
      project: 'shop',
      compare: true,
      percentile: 'p95',
      route: '/products/[id]',
      device: 'mobile',
    });
    expect(q.range).toEqual({ from: 1000, to: 2000 });
    const plain = parseInput(webVitalsQuery, { project: 'shop' });
    expect(plain).toMatchObject({ percentile: 'p75', compare: false });
    expect(plain.route).toBeUndefined();
    expect(plain.device).toBeUndefined();
    expect(plain.range.to - plain.range.from).toBe(3_600_000);
  });

  it.each([
    [{}, /project/],
    [{ project: 'x'.repeat(101) }, /project.*too long/],
    [{ project: 'p', from: 'yesterday' }, /from/],
    [{ project: 'p', from: '2000', to: '1000' }, /from.*before/],
    [{ project: 'p', compare: 'maybe' }, /compare/],
    [{ project: 'p', percentile: 'p50' }, /percentile must be one of p75, p90, p95, p99/],
    [{ project: 'p', percentile: 'P75' }, /percentile/],
    [{ project: 'p', percentile: ['p75', 'p90'] }, /percentile/],
    [{ project: 'p', percentile: 'p'.repeat(5000) }, /percentile/],
    [{ project: 'p', device: 'phone' }, /device must be one of mobile, tablet, desktop/],
    [{ project: 'p', device: '<script>' }, /device/],
    [{ project: 'p', route: '' }, /route.*empty/],
    [{ project: 'p', route: 'r'.repeat(201) }, /route.*too long/],
    [{ project: 'p', route: '/a\u0000' }, /route.*printable/],
    [{ project: 'p', route: ['/a', '/b'] }, /route/],
    [{ project: 'p', 'tag.route': '/a' }, /tag\.route: unknown parameter/],
    [{ project: 'p', metric: 'web_vitals.lcp' }, /metric: unknown parameter/],
  ])('refuse %j', (value, message) => {
    const err = refusal(webVitalsQuery, value);
    expect(err.status).toBe(422);
    expect(err.message).toMatch(message);
    expect(err.message.length).toBeLessThan(300);
  });
});

describe('observatory query parameters', () => {
  it('take a project, a range and compare (off by default)', () => {
    const q = parseInput(observatoryQuery, { project: 'shop', from: '1000', to: '2000', compare: 'true' });
    expect(q).toMatchObject({ project: 'shop', compare: true, range: { from: 1000, to: 2000 } });
    const plain = parseInput(observatoryQuery, { project: 'shop' });
    expect(plain.compare).toBe(false);
    expect(plain.range.to - plain.range.from).toBe(3_600_000);
  });

  it.each([
    [{}, /project/],
    [{ project: '' }, /project.*empty/],
    [{ project: 'x'.repeat(101) }, /project.*too long/],
    [{ project: ['a', 'b'] }, /project/],
    [{ project: 'p', from: 'yesterday' }, /from/],
    [{ project: 'p', from: '-5' }, /from/],
    [{ project: 'p', to: '1e400' }, /to/],
    [{ project: 'p', to: '99999999999999' }, /to/],
    [{ project: 'p', from: '2000', to: '1000' }, /from.*before/],
    [{ project: 'p', from: '0', to: String(401 * 86_400_000) }, /at most 400 days/],
    [{ project: 'p', compare: 'maybe' }, /compare/],
    [{ project: 'p', compare: ['1', '0'] }, /compare/],
    [{ project: 'p', compare: '1'.repeat(5000) }, /compare/],
    [{ project: 'p', percentile: 'p75' }, /percentile: unknown parameter/],
    [{ project: 'p', 'tag.route': '/a' }, /tag\.route: unknown parameter/],
    [{ project: 'p', ["' OR 1=1 --"]: '1' }, /unknown parameter/],
  ])('refuse %j', (value, message) => {
    const err = refusal(observatoryQuery, value);
    expect(err.status).toBe(422);
    expect(err.message).toMatch(message);
    expect(err.message.length).toBeLessThan(300);
  });

  it('never echo a hostile parameter name whole', () => {
    const err = refusal(observatoryQuery, { project: 'p', ['<script>'.repeat(500)]: '1' });
    expect(err.status).toBe(422);
    expect(err.message.length).toBeLessThan(300);
  });
});
