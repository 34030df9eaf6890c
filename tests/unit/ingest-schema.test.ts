import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ApiError } from '@/lib/http/errors';
import { parseInput } from '@/lib/http/issues';
import {
  checkTimestamp,
  INGEST_LIMITS,
  metricsBody,
  normalizeMetrics,
  normalizeRequests,
  requestsBody,
} from '@/lib/ingest/schema';
import { metricName, tagKey, tagValue } from '@/lib/metrics';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const DAY = 86_400_000;
const RETENTION = 30 * DAY;
const opts = { now: NOW, maxAgeMs: RETENTION };

const point = (extra: Record<string, unknown> = {}) => ({ name: 'cpu', value: 1, ...extra });
const metrics = (extra: Record<string, unknown> = {}) => ({ points: [point(extra)] });
const withTags = (tags: unknown) => metrics({ tags });
const request = (extra: Record<string, unknown> = {}) => ({
  service: 'api',
  route: '/users/1',
  method: 'GET',
  status: 200,
  durationMs: 12,
  ...extra,
});
const requests = (extra: Record<string, unknown> = {}) => ({ requests: [request(extra)] });

/** Runs the payload through parseInput and returns the 422 it must throw. */
function refusal(schema: z.ZodType, payload: unknown): ApiError {
  try {
    parseInput(schema, payload);
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('payload was accepted');
}

type Case = [label: string, payload: unknown, path: string, reason: string];

const deepArray = (depth: number): unknown => {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};
const deepObject = (depth: number): unknown => {
  let value: unknown = {};
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};
const manyTags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
const HUGE = 'x'.repeat(100_000);

const metricCases: Case[] = [
  // the body itself
  ['null body', null, '(root)', 'body must be an object'],
  ['array body', [point()], '(root)', 'body must be an object'],
  ['string body', 'points', '(root)', 'body must be an object'],
  ['missing points', {}, 'points', 'points is required'],
  ['points as object', { points: { 0: point() } }, 'points', 'points must be an array of points'],
  ['points as string', { points: 'cpu=1' }, 'points', 'points must be an array of points'],
  ['empty points', { points: [] }, 'points', 'points must contain at least 1 item'],
  ['5,001 points', { points: Array.from({ length: 5_001 }, () => point()) }, 'points', 'at most 5000 points'],
  ['unknown body field', { ...metrics(), meta: 1 }, '(root)', 'unknown field "meta" in body; allowed: points'],
  // points
  ['array as point', { points: [['cpu', 1]] }, 'points.0', 'point must be an object'],
  ['null point', { points: [null] }, 'points.0', 'point must be an object'],
  ['number point', { points: [point(), 7] }, 'points.1', 'point must be an object'],
  ['deeply nested arrays', { points: [deepArray(5_000)] }, 'points.0', 'point must be an object'],
  ['unknown point field', metrics({ extra: true }), 'points.0', 'unknown field "extra" in point'],
  ['huge unknown field name', metrics({ [HUGE]: 1 }), 'points.0', 'unknown field in point'],
  // names
  ['missing name', { points: [{ value: 1 }] }, 'points.0.name', 'name is required'],
  ['numeric name', metrics({ name: 42 }), 'points.0.name', 'name must be a string'],
  ['empty name', metrics({ name: '' }), 'points.0.name', 'name must not be empty'],
  ['name with spaces', metrics({ name: 'cpu usage' }), 'points.0.name', 'name may contain only letters, digits'],
  ['unicode name', metrics({ name: 'température' }), 'points.0.name', 'name may contain only letters, digits'],
  ['SQL name', metrics({ name: "'; DROP TABLE x;--" }), 'points.0.name', 'name must start with a letter'],
  ['path traversal name', metrics({ name: '../etc/passwd' }), 'points.0.name', 'name must start with a letter'],
  ['digit-first name', metrics({ name: '1cpu' }), 'points.0.name', 'name must start with a letter'],
  ['201-char name', metrics({ name: 'a'.repeat(201) }), 'points.0.name', 'name must be at most 200 characters'],
  // values
  ['missing value', { points: [{ name: 'cpu' }] }, 'points.0.value', 'value is required'],
  ['"NaN" value', metrics({ value: 'NaN' }), 'points.0.value', 'value must be a JSON number, not a string'],
  ['"Infinity" value', metrics({ value: 'Infinity' }), 'points.0.value', 'value must be a JSON number, not a string'],
  ['"1e309" value', metrics({ value: '1e309' }), 'points.0.value', 'value must be a JSON number, not a string'],
  ['1e309 literal', JSON.parse('{"points":[{"name":"cpu","value":1e309}]}'), 'points.0.value', 'finite number'],
  ['1e300 value', metrics({ value: 1e300 }), 'points.0.value', 'value must be from -1e15 to 1e15'],
  ['-1e16 value', metrics({ value: -1e16 }), 'points.0.value', 'value must be from -1e15 to 1e15'],
  ['boolean value', metrics({ value: true }), 'points.0.value', 'value must be a number'],
  ['null value', metrics({ value: null }), 'points.0.value', 'value must be a number'],
  ['object value', metrics({ value: { avg: 1 } }), 'points.0.value', 'value must be a number'],
  ['negative counter', metrics({ kind: 'counter', value: -1 }), 'points.0.value', 'counter values cannot be negative'],
  // kind and unit
  ['unknown kind', metrics({ kind: 'histogram' }), 'points.0.kind', 'kind must be one of distribution, counter, gauge'],
  ['upper-case kind', metrics({ kind: 'GAUGE' }), 'points.0.kind', 'kind must be one of'],
  ['unit with SQL', metrics({ unit: "ms'; --" }), 'points.0.unit', 'unit may contain only letters, digits and % / _ .'],
  ['33-char unit', metrics({ unit: 'u'.repeat(33) }), 'points.0.unit', 'unit must be at most 32 characters'],
  ['numeric unit', metrics({ unit: 1 }), 'points.0.unit', 'unit must be a string'],
  // tags
  [
    '__proto__ tag key',
    withTags(JSON.parse('{"__proto__": "x"}')),
    'points.0.tags.__proto__',
    'tag key __proto__ is reserved',
  ],
  [
    '__proto__ object tag',
    withTags(JSON.parse('{"env":"a","__proto__":{"x":1}}')),
    'points.0.tags.__proto__',
    'reserved',
  ],
  [
    'constructor tag key',
    withTags({ constructor: 'x' }),
    'points.0.tags.constructor',
    'tag key constructor is reserved',
  ],
  ['prototype tag key', withTags({ prototype: 'x' }), 'points.0.tags.prototype', 'tag key prototype is reserved'],
  ['17 tags', withTags(manyTags(17)), 'points.0.tags', 'at most 16 tags per point'],
  ['10,000 tags', withTags(manyTags(10_000)), 'points.0.tags', 'at most 16 tags per point (got 10000)'],
  ['tag key with space', withTags({ 'my key': 'v' }), 'points.0.tags.my key', 'tag key may contain only letters'],
  ['tag key starting with digit', withTags({ '1a': 'v' }), 'points.0.tags.1a', 'tag key must start with a letter or _'],
  ['65-char tag key', withTags({ ['k'.repeat(65)]: 'v' }), 'points.0.tags', 'tag key must be at most 64 characters'],
  ['tag key with NUL', withTags({ 'a\u0000b': 'v' }), 'points.0.tags', 'tag key may contain only letters'],
  ['tag value with NUL', withTags({ env: 'pro\u0000d' }), 'points.0.tags.env', 'tag value must not contain control'],
  ['tag value with newline', withTags({ env: 'prod\nX-Admin: 1' }), 'points.0.tags.env', 'control characters'],
  ['tag value with RTL override', withTags({ env: 'a\u202eb' }), 'points.0.tags.env', 'control characters'],
  ['blank tag value', withTags({ env: '   ' }), 'points.0.tags.env', 'tag value must not be empty'],
  ['201-char tag value', withTags({ env: 'v'.repeat(201) }), 'points.0.tags.env', 'at most 200 characters'],
  ['nested object tag value', withTags({ env: { nested: 'x' } }), 'points.0.tags.env', 'tag value must be a string'],
  ['deeply nested tag value', withTags({ env: deepObject(5_000) }), 'points.0.tags.env', 'tag value must be a string'],
  ['numeric tag value', withTags({ shard: 3 }), 'points.0.tags.shard', 'tag value must be a string'],
  ['tags as array', withTags(['env', 'prod']), 'points.0.tags', 'tags must be an object'],
  ['tags as string', withTags('env=prod'), 'points.0.tags', 'tags must be an object'],
  // timestamps
  ['ts far future', metrics({ ts: Date.UTC(3000, 0, 1) }), 'points.0.ts', 'ts must be before 2100-01-01'],
  ['ts too old', metrics({ ts: Date.UTC(1999, 11, 31) }), 'points.0.ts', 'ts must be after 2000-01-01'],
  ['ts negative', metrics({ ts: -1 }), 'points.0.ts', 'ts must be after 2000-01-01'],
  ['ts in seconds', metrics({ ts: 1_795_000_000 }), 'points.0.ts', 'ts looks like seconds'],
  ['ts in microseconds', metrics({ ts: 1_795_000_000_000_000 }), 'points.0.ts', 'ts looks like microseconds'],
  ['ts in nanoseconds', metrics({ ts: 1_795_000_000_000_000_000 }), 'points.0.ts', 'ts looks like nanoseconds'],
  ['ts garbage string', metrics({ ts: 'yesterday' }), 'points.0.ts', 'ts must be an ISO 8601 date-time'],
  ['ts huge string', metrics({ ts: HUGE }), 'points.0.ts', 'ts must be an ISO 8601 date-time'],
  ['ts without offset', metrics({ ts: '2026-11-23T10:00:00' }), 'points.0.ts', 'with Z or an offset'],
  ['ts date only', metrics({ ts: '2026-11-23' }), 'points.0.ts', 'ts must be an ISO 8601 date-time'],
  ['ts February 30', metrics({ ts: '2026-02-30T00:00:00Z' }), 'points.0.ts', 'ts is not a valid calendar date'],
  ['ts Feb 29, no leap', metrics({ ts: '2026-02-29T00:00:00Z' }), 'points.0.ts', 'ts is not a valid calendar date'],
  ['ts month 13', metrics({ ts: '2026-13-01T00:00:00Z' }), 'points.0.ts', 'ts is not a valid calendar date'],
  ['ts hour 24', metrics({ ts: '2026-11-23T24:00:00Z' }), 'points.0.ts', 'ts is not a valid time of day'],
  ['ts as object', metrics({ ts: { $date: 1 } }), 'points.0.ts', 'ts must be milliseconds since the epoch or an ISO'],
  ['ts as null', metrics({ ts: null }), 'points.0.ts', 'ts must be milliseconds since the epoch or an ISO'],
];

const requestCases: Case[] = [
  ['missing requests', {}, 'requests', 'requests is required'],
  ['empty requests', { requests: [] }, 'requests', 'requests must contain at least 1 item'],
  ['5,001 requests', { requests: Array.from({ length: 5_001 }, () => request()) }, 'requests', 'at most 5000'],
  ['array as request', { requests: [[request()]] }, 'requests.0', 'request must be an object'],
  ['unknown request field', requests({ userId: 7 }), 'requests.0', 'unknown field "userId" in request'],
  [
    'missing service',
    { requests: [{ ...request(), service: undefined }] },
    'requests.0.service',
    'service is required',
  ],
  ['service with spaces', requests({ service: 'my api' }), 'requests.0.service', 'service may contain only letters'],
  ['101-char service', requests({ service: 's'.repeat(101) }), 'requests.0.service', 'at most 100 characters'],
  ['missing route', { requests: [{ ...request(), route: undefined }] }, 'requests.0.route', 'route is required'],
  ['relative route', requests({ route: 'users/1' }), 'requests.0.route', 'route must start with /'],
  ['route with newline', requests({ route: '/a\nb' }), 'requests.0.route', 'route must not contain control characters'],
  ['2001-char route', requests({ route: '/' + 'r'.repeat(2_000) }), 'requests.0.route', 'at most 2000 characters'],
  ['method TRACE', requests({ method: 'TRACE' }), 'requests.0.method', 'method must be one of GET, POST'],
  ['method injection', requests({ method: 'get ; drop' }), 'requests.0.method', 'method must be one of'],
  ['method dotless i', requests({ method: 'optıons' }), 'requests.0.method', 'method must be one of'],
  ['numeric method', requests({ method: 1 }), 'requests.0.method', 'method must be a string'],
  ['status 99', requests({ status: 99 }), 'requests.0.status', 'status must be an integer from 100 to 599'],
  ['status 600', requests({ status: 600 }), 'requests.0.status', 'status must be an integer from 100 to 599'],
  ['status 200.5', requests({ status: 200.5 }), 'requests.0.status', 'status must be an integer from 100 to 599'],
  ['status as string', requests({ status: '200' }), 'requests.0.status', 'status must be a JSON number, not a string'],
  ['negative duration', requests({ durationMs: -5 }), 'requests.0.durationMs', 'durations cannot be negative'],
  ['negative db time', requests({ dbTimeMs: -0.1 }), 'requests.0.dbTimeMs', 'durations cannot be negative'],
  ['duration over an hour', requests({ durationMs: 3_600_001 }), 'requests.0.durationMs', 'from 0 to 3600000'],
  ['"Infinity" duration', requests({ durationMs: 'Infinity' }), 'requests.0.durationMs', 'not a string'],
  ['fractional dbQueries', requests({ dbQueries: 1.5 }), 'requests.0.dbQueries', 'dbQueries must be an integer'],
  ['too many dbQueries', requests({ dbQueries: 100_001 }), 'requests.0.dbQueries', 'from 0 to 100000'],
  ['cacheHit as string', requests({ cacheHit: 'yes' }), 'requests.0.cacheHit', 'cacheHit must be true or false'],
  ['negative bytes', requests({ requestBytes: -1 }), 'requests.0.requestBytes', 'integer from 0 to 1e12'],
  ['too many bytes', requests({ responseBytes: 1e13 }), 'requests.0.responseBytes', 'integer from 0 to 1e12'],
  ['request ts garbage', requests({ ts: 'now' }), 'requests.0.ts', 'ts must be an ISO 8601 date-time'],
];

describe('ingest payloads: refused', () => {
  it('has plenty of hostile cases', () => {
    expect(metricCases.length + requestCases.length).toBeGreaterThanOrEqual(40);
    expect(new Set([...metricCases, ...requestCases].map(([label]) => label)).size).toBe(
      metricCases.length + requestCases.length,
    );
  });

  const check = (schema: z.ZodType, [, payload, path, reason]: Case) => {
    const err = refusal(schema, payload);
    expect(err.status).toBe(422);
    expect(err.code).toBe('invalid');
    expect(err.message.startsWith(`${path}: `), err.message).toBe(true);
    expect(err.message).toContain(reason);
    // short, no zod boilerplate, never the (huge) input echoed back
    expect(err.message.length).toBeLessThan(200);
    expect(err.message).not.toMatch(/Invalid input|received|xxxxxxxxxx/);
    expect(Array.isArray(err.details)).toBe(true);
    expect((err.details as unknown[]).length).toBeLessThanOrEqual(20);
  };

  it.each(metricCases)('metrics: %s', (...c) => check(metricsBody, c));
  it.each(requestCases)('requests: %s', (...c) => check(requestsBody, c));

  it('reports at most 20 problems', () => {
    const err = refusal(metricsBody, { points: Array.from({ length: 100 }, () => ({ name: 1, value: 'x' })) });
    expect(err.details).toHaveLength(20);
    expect(err.message).toBe('points.0.name: name must be a string');
  });

  it('does not let __proto__ reach the output or Object.prototype', () => {
    expect(() => parseInput(metricsBody, withTags(JSON.parse('{"__proto__": {"polluted": "yes"}}')))).toThrow(ApiError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('ingest payloads: accepted', () => {
  it('takes the smallest metrics payload and applies defaults', () => {
    const body = parseInput(metricsBody, { points: [{ name: 'c', value: 0 }] });
    expect(body.points[0]).toEqual({ name: 'c', value: 0, kind: 'gauge' });
    const result = normalizeMetrics(body, opts);
    expect(result).toEqual({
      ok: true,
      points: [{ name: 'c', value: 0, ts: NOW, kind: 'gauge', unit: null, tags: {} }],
    });
  });

  it('takes every field and ms and ISO timestamps, and trims tag values', () => {
    const body = parseInput(metricsBody, {
      points: [
        {
          name: 'http.server:latency-p95_ms',
          value: -2.5,
          kind: 'distribution',
          unit: 'ms',
          ts: NOW - 1_000,
          tags: { zone: 'eu-1', _internal: 'yes', Env: ' prod ', app: 'shop — web' },
        },
        { name: 'jobs', value: 3, kind: 'counter', unit: 'req/s', ts: '2026-11-23T12:30:00.123456+01:00' },
        { name: 'mem', value: 1e15, unit: '%', ts: '2026-11-23T11:59:59Z' },
      ],
    });
    const result = normalizeMetrics(body, opts);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [first, second, third] = result.points;
    expect(first).toMatchObject({ value: -2.5, ts: NOW - 1_000, kind: 'distribution', unit: 'ms' });
    expect(first!.tags).toEqual({ zone: 'eu-1', _internal: 'yes', Env: 'prod', app: 'shop — web' });
    expect(first!.tags.Env).toBe('prod');
    expect(Object.getPrototypeOf(first!.tags)).toBe(Object.prototype);
    expect(second).toMatchObject({ kind: 'counter', unit: 'req/s', ts: Date.UTC(2026, 10, 23, 11, 30, 0, 123) });
    expect(third).toMatchObject({ value: 1e15, unit: '%', kind: 'gauge', ts: NOW - 1_000 });
  });

  it('takes the smallest requests payload, upper-cases the method and templates the route', () => {
    const body = parseInput(requestsBody, {
      requests: [{ service: 'api', route: '/users/123/orders/?page=2', method: 'get', status: 200, durationMs: 0 }],
    });
    expect(body.requests[0]!.method).toBe('GET');
    expect(normalizeRequests(body, opts)).toEqual({
      ok: true,
      // The raw path is kept for request samples, without its query.
      requests: [
        {
          service: 'api',
          route: '/users/[id]/orders',
          path: '/users/123/orders/',
          method: 'GET',
          status: 200,
          durationMs: 0,
          ts: NOW,
        },
      ],
    });
  });

  it('takes every request field', () => {
    const full = request({
      method: 'Options',
      status: 599,
      durationMs: 3_600_000,
      dbTimeMs: 1.5,
      dbQueries: 100_000,
      cacheHit: false,
      requestBytes: 0,
      responseBytes: 1e12,
      ts: '2026-11-23T11:00:00-01:00',
      route: '/u/[uuid]',
      path: '/u/550e8400-e29b-41d4-a716-446655440000?x=1#y',
      instance: 'pod-7f9c.eu_1:8080',
    });
    const result = normalizeRequests(parseInput(requestsBody, { requests: [full] }), opts);
    expect(result).toEqual({
      ok: true,
      requests: [
        {
          ...full,
          method: 'OPTIONS',
          path: '/u/550e8400-e29b-41d4-a716-446655440000',
          ts: Date.UTC(2026, 10, 23, 12, 0, 0),
        },
      ],
    });
  });

  it('takes exactly the limits', () => {
    expect(() => parseInput(metricsBody, withTags(manyTags(16)))).not.toThrow();
    expect(() => parseInput(metricsBody, metrics({ name: 'n'.repeat(200) }))).not.toThrow();
    expect(() => parseInput(metricsBody, { points: Array.from({ length: 5_000 }, () => point()) })).not.toThrow();
    expect(() => parseInput(requestsBody, requests({ status: 100, durationMs: 0 }))).not.toThrow();
  });
});

describe('normalisation against the clock', () => {
  it('refuses points more than 5 minutes ahead or older than the retention, by path', () => {
    const body = parseInput(metricsBody, {
      points: [
        point({ ts: NOW + 5 * 60_000 }),
        point({ ts: NOW + 5 * 60_000 + 1 }),
        point({ ts: NOW - RETENTION }),
        point({ ts: NOW - RETENTION - 1 }),
      ],
    });
    expect(normalizeMetrics(body, opts)).toEqual({
      ok: false,
      issues: [
        { path: 'points.1.ts', message: 'ts is more than 5 minutes in the future' },
        { path: 'points.3.ts', message: 'ts is older than the retention of 30 days' },
      ],
    });
  });

  it('checks request timestamps too and reports at most 20 issues', () => {
    const body = parseInput(requestsBody, {
      requests: Array.from({ length: 50 }, (_, i) => request({ ts: NOW + 3_600_000 + i })),
    });
    const result = normalizeRequests(body, opts);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(20);
    expect(result.issues[19]).toEqual({ path: 'requests.19.ts', message: 'ts is more than 5 minutes in the future' });
  });

  it('checkTimestamp', () => {
    expect(checkTimestamp(undefined, NOW, DAY)).toEqual({ ok: true, ms: NOW });
    expect(checkTimestamp(NOW - 0.4, NOW, DAY)).toEqual({ ok: true, ms: NOW });
    expect(checkTimestamp('2028-02-29T00:00:00Z', Date.UTC(2028, 1, 29), DAY)).toEqual({
      ok: true,
      ms: Date.UTC(2028, 1, 29),
    });
    expect(checkTimestamp('2026-11-23T12:00:00.999999999Z', NOW, DAY)).toEqual({ ok: true, ms: NOW + 999 });
    expect(checkTimestamp(Number.NaN, NOW, DAY)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('finite'),
    });
    expect(checkTimestamp('2026-02-30T00:00:00Z', NOW, DAY)).toEqual({
      ok: false,
      reason: 'is not a valid calendar date',
    });
    expect(checkTimestamp('2026-11-23 12:00:00Z', NOW, DAY)).toMatchObject({ ok: false });
    expect(checkTimestamp(NOW - 2 * DAY, NOW, DAY)).toEqual({
      ok: false,
      reason: 'is older than the retention of 1 day',
    });
    expect(checkTimestamp(NOW + 6 * 60_000, NOW, DAY)).toEqual({
      ok: false,
      reason: 'is more than 5 minutes in the future',
    });
  });
});

describe('field schemas and limits', () => {
  it('exports the limits', () => {
    expect(INGEST_LIMITS).toMatchObject({
      maxPoints: 5_000,
      maxRequests: 5_000,
      maxTags: 16,
      maxTagKeyLength: 64,
      maxTagValueLength: 200,
      maxMetricNameLength: 200,
      maxUnitLength: 32,
      futureToleranceMs: 300_000,
      maxServiceLength: 100,
      maxRouteLength: 2_000,
    });
  });

  it('metricName, tagKey and tagValue', () => {
    expect(metricName.safeParse('http.server.duration').success).toBe(true);
    expect(metricName.safeParse('a:b-c_d.e').success).toBe(true);
    expect(metricName.safeParse('_private').success).toBe(false);
    expect(tagKey.safeParse('_env').success).toBe(true);
    expect(tagKey.safeParse('k8s.pod-name').success).toBe(true);
    expect(tagKey.safeParse('a:b').success).toBe(false);
    for (const reserved of ['__proto__', 'constructor', 'prototype']) {
      expect(tagKey.safeParse(reserved).error?.issues[0]?.message).toBe(`tag key ${reserved} is reserved`);
    }
    expect(tagValue.parse('  café ☕ ')).toBe('café ☕');
    expect(tagValue.safeParse('\ud800').success).toBe(false);
  });
});
