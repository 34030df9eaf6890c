/**
 * The SDK's local checks against the server's own schema: whatever the SDK would send, the API accepts (one bad
 * item would make it refuse the whole batch), and hostile values are dropped with a counted reason, never thrown.
 */
import { describe, expect, it } from 'vitest';
import { metricsBody, normalizeMetrics, normalizeRequests, requestsBody } from '@/lib/ingest/schema';
import { deploymentBody } from '@/lib/deployments/schema';
import { checkTimestamp } from '@/lib/ingest/timestamp';
import { createReporter, type DeploymentInput, type InvalidReason, type RequestInput, type Tags } from '@/lib/sdk';
import { checkDeployment, checkPoint, checkRequest, DEFAULT_MAX_AGE_MS } from '@/lib/sdk/validate';

const NOW = Date.now();
const MINUTE = 60_000;
const DAY = 86_400_000;
const context = { service: 'shop-api', now: NOW, maxAgeMs: DEFAULT_MAX_AGE_MS };
const serverTime = { now: NOW, maxAgeMs: 30 * DAY };

/** What the server makes of items the SDK would send, after a trip through JSON as on the wire. */
function serverAcceptsRequest(item: unknown): boolean {
  const parsed = requestsBody.safeParse(JSON.parse(JSON.stringify({ requests: [item] })));
  return parsed.success && normalizeRequests(parsed.data, serverTime).ok;
}

function serverAcceptsPoint(item: unknown): boolean {
  const parsed = metricsBody.safeParse(JSON.parse(JSON.stringify({ points: [item] })));
  return parsed.success && normalizeMetrics(parsed.data, serverTime).ok;
}

const base: RequestInput = { route: '/orders/[id]', method: 'GET', status: 200, durationMs: 41.5 };
const huge = 'x'.repeat(5_000_000);

// Built on demand: a test runner that formats its table would trip over them.
const throwingGetter = () =>
  Object.defineProperty({ ...base }, 'durationMs', {
    get() {
      throw new Error('boom');
    },
  });
const throwingProxy = (): unknown =>
  new Proxy(
    { a: 'x' },
    {
      get() {
        throw new Error('trap');
      },
    },
  );

const validRequests: [string, RequestInput][] = [
  ['minimal', base],
  ['every field', { ...base, dbTimeMs: 12, dbQueries: 3, cacheHit: false, requestBytes: 0, responseBytes: 1e12 }],
  ['lower-case method', { ...base, method: 'patch' }],
  ['a raw path', { ...base, route: '/orders/1234?x=1' }],
  ['a template and its path', { ...base, path: '/orders/1234?token=x' }],
  ['a Date', { ...base, ts: new Date(NOW - MINUTE) }],
  ['milliseconds, 29 days old', { ...base, ts: NOW - 29 * DAY }],
  ['3 minutes ahead', { ...base, ts: NOW + 3 * MINUTE }],
  ['fractional ms', { ...base, ts: NOW - 0.4 }],
  ['bounds', { ...base, status: 599, durationMs: 3_600_000, dbQueries: 100_000 }],
];

const hostileRequests: [string, unknown, InvalidReason][] = [
  ['NaN duration', { ...base, durationMs: NaN }, 'durationMs'],
  ['Infinity duration', { ...base, durationMs: Infinity }, 'durationMs'],
  ['negative duration', { ...base, durationMs: -1 }, 'durationMs'],
  ['an hour and a bit', { ...base, durationMs: 3_600_001 }, 'durationMs'],
  ['duration as a string', { ...base, durationMs: '12' }, 'durationMs'],
  ['missing duration', { route: '/a', method: 'GET', status: 200 }, 'durationMs'],
  ['status 99', { ...base, status: 99 }, 'status'],
  ['status 600', { ...base, status: 600 }, 'status'],
  ['fractional status', { ...base, status: 200.5 }, 'status'],
  ['unknown method', { ...base, method: 'FETCH' }, 'method'],
  ['empty method', { ...base, method: '' }, 'method'],
  ['method with a NUL', { ...base, method: 'G\u0000T' }, 'method'],
  ['a 5 MB method', { ...base, method: huge }, 'method'],
  ['a 5 MB route', { ...base, route: `/${huge}` }, 'route'],
  ['route of 2,001 characters', { ...base, route: `/${'a'.repeat(2_000)}` }, 'route'],
  ['route without a slash', { ...base, route: 'orders' }, 'route'],
  ['route with a control character', { ...base, route: '/a\u0007b' }, 'route'],
  ['route with a format character', { ...base, route: '/a\u200bb' }, 'route'],
  ['route as a number', { ...base, route: 42 }, 'route'],
  ['path of 2,001 characters', { ...base, path: `/${'a'.repeat(2_000)}` }, 'path'],
  ['path without a slash', { ...base, path: 'orders/1' }, 'path'],
  ['path with CRLF', { ...base, path: '/a\r\nSet-Cookie: x' }, 'path'],
  ['path as a number', { ...base, path: 42 }, 'path'],
  ['NaN dbTimeMs', { ...base, dbTimeMs: NaN }, 'dbTimeMs'],
  ['fractional dbQueries', { ...base, dbQueries: 1.5 }, 'dbQueries'],
  ['too many dbQueries', { ...base, dbQueries: 100_001 }, 'dbQueries'],
  ['cacheHit as a string', { ...base, cacheHit: 'yes' }, 'cacheHit'],
  ['negative requestBytes', { ...base, requestBytes: -1 }, 'requestBytes'],
  ['fractional responseBytes', { ...base, responseBytes: 1.5 }, 'responseBytes'],
  ['a petabyte response', { ...base, responseBytes: 1e15 }, 'responseBytes'],
  ['ts NaN', { ...base, ts: NaN }, 'ts'],
  ['ts in seconds', { ...base, ts: Math.floor(NOW / 1000) }, 'ts'],
  ['ts in microseconds', { ...base, ts: NOW * 1000 }, 'ts'],
  ['ts 10 minutes ahead', { ...base, ts: NOW + 10 * MINUTE }, 'ts'],
  ['ts 31 days old', { ...base, ts: NOW - 31 * DAY }, 'ts'],
  ['an invalid Date', { ...base, ts: new Date('nope') }, 'ts'],
  ['ts as a string', { ...base, ts: '2026-11-23T10:00:00Z' }, 'ts'],
  ['null', null, 'record'],
  ['a string', 'GET /orders', 'record'],
];

const validPoints: [string, string, number, Tags | undefined, object | undefined][] = [
  ['a gauge', 'queue.length', 3, undefined, undefined],
  ['a counter with a unit', 'orders.created', 2, { region: 'eu' }, { kind: 'counter', unit: '1' }],
  ['a distribution', 'checkout.duration', 182.5, { route: '/checkout' }, { kind: 'distribution', unit: 'ms' }],
  ['number and boolean tags', 'cache.hit_ratio', 93.5, { shard: 3, warm: true }, { unit: '%' }],
  ['16 tags', 'many.tags', 1, Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`t${i}`, 'v'])), undefined],
  ['padded tag value', 'padded', 1, { region: '  eu  ' }, undefined],
  ['negative gauge', 'temperature', -40, undefined, undefined],
  ['name with : and -', 'svc:db-pool.size', 10, undefined, { ts: new Date(NOW) }],
];

const protoTags = JSON.parse('{"__proto__": "x"}') as Tags;
const hostilePoints: [string, unknown, unknown, unknown, unknown, InvalidReason][] = [
  ['empty name', '', 1, undefined, undefined, 'name'],
  ['name starting with a digit', '1abc', 1, undefined, undefined, 'name'],
  ['name with a space', 'a b', 1, undefined, undefined, 'name'],
  ['name of 201 characters', 'a'.repeat(201), 1, undefined, undefined, 'name'],
  ['a 5 MB name', huge, 1, undefined, undefined, 'name'],
  ['non-ASCII name', 'latência', 1, undefined, undefined, 'name'],
  ['name as a number', 42, 1, undefined, undefined, 'name'],
  ['NaN', 'v', NaN, undefined, undefined, 'value'],
  ['Infinity', 'v', Infinity, undefined, undefined, 'value'],
  ['1e16', 'v', 1e16, undefined, undefined, 'value'],
  ['value as a string', 'v', '5', undefined, undefined, 'value'],
  ['negative counter', 'v', -1, undefined, { kind: 'counter' }, 'value'],
  ['unknown kind', 'v', 1, undefined, { kind: 'histogram' }, 'kind'],
  ['unit with a space', 'v', 1, undefined, { unit: 'm s' }, 'unit'],
  ['empty unit', 'v', 1, undefined, { unit: '' }, 'unit'],
  ['unit of 33 characters', 'v', 1, undefined, { unit: 'u'.repeat(33) }, 'unit'],
  ['17 tags', 'v', 1, Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`t${i}`, 'v'])), undefined, 'tags'],
  ['a __proto__ tag', 'v', 1, protoTags, undefined, 'tags'],
  ['a constructor tag', 'v', 1, { constructor: 'x' }, undefined, 'tags'],
  ['tag key starting with a digit', 'v', 1, { '1a': 'x' }, undefined, 'tags'],
  ['tag key of 65 characters', 'v', 1, { ['k'.repeat(65)]: 'x' }, undefined, 'tags'],
  ['empty tag value', 'v', 1, { a: '' }, undefined, 'tags'],
  ['blank tag value', 'v', 1, { a: '   ' }, undefined, 'tags'],
  ['tag value of 201 characters', 'v', 1, { a: 'x'.repeat(201) }, undefined, 'tags'],
  ['a 5 MB tag value', 'v', 1, { a: huge }, undefined, 'tags'],
  ['tag value with a NUL', 'v', 1, { a: 'a\u0000b' }, undefined, 'tags'],
  ['lone surrogate', 'v', 1, { a: 'a\ud800b' }, undefined, 'tags'],
  ['tag value an object', 'v', 1, { a: {} }, undefined, 'tags'],
  ['tag value null', 'v', 1, { a: null }, undefined, 'tags'],
  ['tags an array', 'v', 1, ['a'], undefined, 'tags'],
  ['tags a string', 'v', 1, 'a=b', undefined, 'tags'],
  ['ts in seconds', 'v', 1, undefined, { ts: Math.floor(NOW / 1000) }, 'ts'],
  ['options a string', 'v', 1, undefined, 'counter', 'record'],
];

describe('request records', () => {
  it.each(validRequests)('%s: the SDK keeps it and the API accepts what it sends', (_name, input) => {
    const checked = checkRequest(input, context);
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(serverAcceptsRequest(checked.item)).toBe(true);
  });

  it.each(hostileRequests)('%s: dropped for its %s', (_name, input, reason) => {
    expect(checkRequest(input as RequestInput, context)).toEqual({ ok: false, reason });
  });

  it('a record the SDK would refuse, the server refuses too (where it survives JSON)', () => {
    for (const [, input] of hostileRequests) {
      if (typeof input !== 'object' || input === null) continue;
      const wire = { service: 'shop-api', ...(input as object) };
      const ts = (input as { ts?: unknown }).ts;
      // The SDK takes numbers and Dates only; the API also reads ISO strings.
      if (ts instanceof Date || typeof ts === 'string') continue;
      if (Object.values(input).some((v) => typeof v === 'number' && !Number.isFinite(v))) continue;
      expect(serverAcceptsRequest(wire)).toBe(false);
    }
  });
});

it('throwing getters and proxies are the fault of the call: dropped as "record"', () => {
  expect(checkRequest(throwingGetter(), context)).toEqual({ ok: false, reason: 'record' });
  expect(checkRequest(throwingProxy() as RequestInput, context)).toEqual({ ok: false, reason: 'record' });
  expect(checkPoint('v', 1, throwingProxy() as Tags, undefined, context)).toEqual({ ok: false, reason: 'record' });
  expect(checkPoint('v', 1, undefined, throwingProxy() as object, context)).toEqual({ ok: false, reason: 'record' });
});

describe('metric points', () => {
  it.each(validPoints)('%s: the SDK keeps it and the API accepts what it sends', (_n, name, value, tags, options) => {
    const checked = checkPoint(name, value, tags, options, context);
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(serverAcceptsPoint(checked.item)).toBe(true);
  });

  it.each(hostilePoints)('%s: dropped', (_n, name, value, tags, options, reason) => {
    const checked = checkPoint(name as string, value as number, tags as Tags, options as object, context);
    expect(checked).toEqual({ ok: false, reason });
  });
});

describe('the reporter never throws', () => {
  it('counts each hostile recording by reason, buffers only the valid ones, and logs each reason once', () => {
    const warnings: string[] = [];
    const sdk = createReporter({
      endpoint: 'http://127.0.0.1:9',
      key: 'obs_k',
      service: 'shop-api',
      flushIntervalMs: 3_600_000,
      flushOnExit: false,
      logger: { warn: (m) => warnings.push(m) },
    });
    const expected: Partial<Record<InvalidReason, number>> = {};
    for (const [, input, reason] of hostileRequests) {
      expect(() => sdk.recordRequest(input as RequestInput)).not.toThrow();
      expected[reason] = (expected[reason] ?? 0) + 1;
    }
    for (const [, name, value, tags, options, reason] of hostilePoints) {
      expect(() => sdk.record(name as string, value as number, tags as Tags, options as object)).not.toThrow();
      expected[reason] = (expected[reason] ?? 0) + 1;
    }
    expect(() => sdk.recordRequest(throwingGetter())).not.toThrow();
    expect(() => sdk.record('v', 1, throwingProxy() as Tags)).not.toThrow();
    expected.record = (expected.record ?? 0) + 2;
    for (const [, input] of validRequests) sdk.recordRequest(input);
    for (const [, name, value, tags, options] of validPoints) sdk.record(name, value, tags, options);
    const stats = sdk.stats();
    expect(stats.invalidReasons).toEqual(expected);
    expect(stats.dropped.invalid).toBe(hostileRequests.length + hostilePoints.length + 2);
    expect(stats.recorded).toBe(validRequests.length + validPoints.length);
    expect(stats.buffered).toBe(stats.recorded);
    expect(warnings).toHaveLength(Object.keys(expected).length);
    expect(warnings.join('\n')).not.toContain(huge.slice(0, 100));
    void sdk.close();
  });

  it('a throwing logger does not escape', () => {
    const sdk = createReporter({
      endpoint: 'http://127.0.0.1:9',
      key: 'obs_k',
      service: 'svc',
      flushOnExit: false,
      logger: {
        warn: () => {
          throw new Error('logger down');
        },
      },
    });
    expect(() => sdk.record('bad name', 1)).not.toThrow();
    expect(sdk.stats().invalidReasons).toEqual({ name: 1 });
    void sdk.close();
  });

  it('configuration mistakes are thrown at creation, without the key', () => {
    const ok = { endpoint: 'http://127.0.0.1:3000', key: 'obs_secret_key', service: 'svc', flushOnExit: false };
    const message = (options: object) => {
      try {
        createReporter({ ...ok, ...options });
      } catch (err) {
        return (err as Error).message;
      }
      return 'no error';
    };
    expect(message({ endpoint: 'not a url' })).toMatch(/endpoint must be a URL/);
    expect(message({ endpoint: 'ftp://x' })).toMatch(/http or https/);
    expect(message({ key: '' })).toMatch(/ingest key/);
    expect(message({ key: 'obs with space' })).toMatch(/ingest key/);
    expect(message({ service: '1bad' })).toMatch(/service must start with a letter/);
    expect(message({ instance: 'pod 1' })).toMatch(/instance must start with a letter/);
    expect(message({ instance: `i${'x'.repeat(100)}` })).toMatch(/instance .*at most 100/);
    expect(message({ maxBatchSize: 5_001 })).toMatch(/maxBatchSize .* at most 5000/);
    expect(message({ maxBatchBytes: 2 * 1024 * 1024 })).toMatch(/maxBatchBytes/);
    expect(message({ flushIntervalMs: NaN })).toMatch(/flushIntervalMs/);
    expect(message({ service: 'x'.repeat(101) })).not.toContain('obs_secret_key');
    expect(message({ enabled: false, key: '' })).toBe('no error');
  });
});

describe('the instance', () => {
  it('is sent with every request record when the reporter has one, and left out otherwise', () => {
    const withInstance = checkRequest(base, { ...context, instance: 'api-2' });
    expect(withInstance.ok && withInstance.item.instance).toBe('api-2');
    expect(serverAcceptsRequest(withInstance.ok ? withInstance.item : {})).toBe(true);
    const without = checkRequest(base, context);
    expect(without.ok && 'instance' in without.item).toBe(false);
  });
});

describe('deploy markers', () => {
  const serverAcceptsDeployment = (item: unknown) => {
    const parsed = deploymentBody.safeParse(JSON.parse(JSON.stringify(item)));
    if (!parsed.success) return false;
    const { ts } = parsed.data;
    return ts === undefined || checkTimestamp(ts, NOW, 30 * DAY).ok;
  };
  const valid: [string, DeploymentInput][] = [
    ['minimal', { version: 'v1' }],
    [
      'every field',
      { version: '2026.12.07 build 4', environment: 'eu-west.staging', commit: 'ABCDEF0', ts: NOW - DAY },
    ],
    ['a Date', { version: 'v1', ts: new Date(NOW - MINUTE) }],
    ['a long hash', { version: 'v1', commit: 'a'.repeat(64) }],
    ['100 characters', { version: 'v'.repeat(100) }],
  ];
  it.each(valid)('sends what the API accepts: %s', (_name, input) => {
    const checked = checkDeployment(input, context);
    expect(checked.ok).toBe(true);
    expect(serverAcceptsDeployment(checked.ok ? checked.item : null)).toBe(true);
  });
  const hostile: [string, unknown, InvalidReason][] = [
    ['no version', {}, 'version'],
    ['an empty version', { version: ' ' }, 'version'],
    ['a long version', { version: 'v'.repeat(101) }, 'version'],
    ['a huge version', { version: huge }, 'version'],
    ['a control character', { version: 'v1\u0007' }, 'version'],
    ['a bidi override', { version: 'v1\u202e' }, 'version'],
    ['a number', { version: 1 }, 'version'],
    ['an environment with a space', { version: 'v1', environment: 'pro duction' }, 'environment'],
    ['a short commit', { version: 'v1', commit: 'abc12' }, 'commit'],
    ['a commit that is not hex', { version: 'v1', commit: 'ghijklmn' }, 'commit'],
    ['seconds', { version: 'v1', ts: Math.floor(NOW / 1000) }, 'ts'],
    ['an hour ahead', { version: 'v1', ts: NOW + 60 * MINUTE }, 'ts'],
    ['a throwing proxy', throwingProxy(), 'record'],
    ['null', null, 'record'],
  ];
  it.each(hostile)('drops %s, naming the field; the API would refuse it too', (_name, input, reason) => {
    expect(checkDeployment(input as DeploymentInput, context)).toEqual({ ok: false, reason });
    if (reason !== 'record') expect(serverAcceptsDeployment({ service: 'shop-api', ...(input as object) })).toBe(false);
  });
});
