import { describe, expect, it } from 'vitest';
import { currentDbTime, measureDbTime, timeDb } from '@/lib/db/db-time';
import type { IngestPoint } from '@/lib/ingest/writer';
import { mergeCounters, RequestRecorder } from '@/lib/selfmon/recorder';
import { appRouteTemplate } from '@/lib/selfmon/route-template';
import { ProcessSampler, SELF_GAUGES } from '@/lib/selfmon/sampler';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('appRouteTemplate', () => {
  it.each([
    ['/api/v1/projects/shop', { id: 'shop' }, '/api/v1/projects/[id]'],
    ['/api/v1/projects/shop/keys/k1', { id: 'shop', keyId: 'k1' }, '/api/v1/projects/[id]/keys/[keyId]'],
    // The same value twice: each param takes its own segment.
    ['/api/v1/projects/a/keys/a', { id: 'a', keyId: 'a' }, '/api/v1/projects/[id]/keys/[keyId]'],
    ['/api/auth/sign-in/email', { all: ['sign-in', 'email'] }, '/api/auth/[...all]'],
    // Params arrive decoded, paths encoded.
    ['/api/v1/projects/caf%C3%A9%20shop', { id: 'café shop' }, '/api/v1/projects/[id]'],
    ['/api/health', {}, '/api/health'],
  ])('%s with %j is %s', (path, params, expected) => {
    expect(appRouteTemplate(path, params)).toBe(expected);
  });

  it('falls back to templating the path when the params do not explain it', () => {
    expect(appRouteTemplate('/api/v1/projects/12345', { id: 'other' })).toBe('/api/v1/projects/[id]');
    expect(appRouteTemplate('/api/v1/projects/%E0%A4%A', { id: 'x' })).not.toContain('%E0%A4%A/');
    const hostile = `/api/${'a/'.repeat(5_000)}`;
    expect(appRouteTemplate(hostile, {}).length).toBeLessThanOrEqual(220);
  });
});

describe('mergeCounters', () => {
  const point = (name: string, kind: IngestPoint['kind'], ts: number, tags = { route: '/a' }): IngestPoint => ({
    name,
    kind,
    unit: null,
    tags,
    ts,
    value: 1,
  });

  it('sums a counter per series and minute, keeps every distribution value', () => {
    const minute = 60_000 * 1000;
    const out = mergeCounters([
      point('requests', 'counter', minute + 1),
      point('duration', 'distribution', minute + 1),
      point('requests', 'counter', minute + 2),
      point('requests', 'counter', minute + 3, { route: '/b' }),
      point('duration', 'distribution', minute + 2),
      point('requests', 'counter', minute + 60_000),
    ]);
    const counters = out.filter((p) => p.kind === 'counter').map((p) => [p.tags.route, p.ts, p.value]);
    expect(counters).toEqual([
      ['/a', minute + 2, 2],
      ['/b', minute + 3, 1],
      ['/a', minute + 60_000, 1],
    ]);
    expect(out.filter((p) => p.kind === 'distribution')).toHaveLength(2);
  });
});

describe('RequestRecorder', () => {
  const request = {
    url: 'http://localhost/api/v1/projects/x?q=1',
    params: { id: 'x' },
    method: 'GET',
    status: 200,
    durationMs: 3,
    dbTimeMs: 1,
    ts: Date.now(),
  };

  it('hands the RED series of its app routes to the sink, counters merged', async () => {
    const got: IngestPoint[][] = [];
    const recorder = new RequestRecorder(async (points) => void got.push(points));
    for (let i = 0; i < 4; i++) recorder.record(request);
    await recorder.flush();
    const names = got[0]!.map((p) => p.name);
    expect(names.filter((n) => n === 'http.server.request.duration')).toHaveLength(4);
    expect(names.filter((n) => n === 'http.server.db.duration')).toHaveLength(4);
    expect(got[0]!.find((p) => p.name === 'http.server.requests')).toMatchObject({
      value: 4,
      tags: { service: 'observatory', route: '/api/v1/projects/[id]', method: 'GET', status_class: '2xx' },
    });
    expect(recorder.snapshot()).toEqual({ recorded: 4, dropped: 0, refused: 0, buffered: 0 });
  });

  it('counts a refused batch and a full buffer, never throwing', async () => {
    const recorder = new RequestRecorder(() => Promise.reject(new Error('full')), 3);
    for (let i = 0; i < 5; i++) recorder.record(request);
    await expect(recorder.flush()).resolves.toBeUndefined();
    expect(recorder.snapshot()).toEqual({ recorded: 3, dropped: 2, refused: 3, buffered: 0 });
    const throwing = new RequestRecorder(() => {
      throw new Error('sync');
    });
    throwing.record(request);
    await expect(throwing.flush()).resolves.toBeUndefined();
  });
});

describe('DB time', () => {
  it('counts overlapping calls once, and nothing outside a request', async () => {
    expect(currentDbTime()).toBeUndefined();
    await timeDb(() => sleep(5));
    const time = await measureDbTime(async (t) => {
      await Promise.all([timeDb(() => sleep(40)), timeDb(() => sleep(40))]);
      await sleep(40); // not in the database
      await timeDb(() => sleep(20));
      return t;
    });
    expect(time.calls).toBe(3);
    expect(time.active).toBe(0);
    // ~60 ms: the two parallel calls once, then one more; never the 100 ms of the three summed.
    expect(time.ms).toBeGreaterThanOrEqual(55);
    expect(time.ms).toBeLessThan(95);
  });

  it('ends the interval of a call that fails', async () => {
    const time = await measureDbTime(async (t) => {
      await expect(timeDb(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
      expect(() =>
        timeDb(() => {
          throw new Error('sync');
        }),
      ).toThrow('sync');
      return t;
    });
    expect(time).toMatchObject({ calls: 2, active: 0 });
  });
});

describe('ProcessSampler', () => {
  it('samples the process as gauges tagged with the instance', async () => {
    let hits = 0;
    const sampler = new ProcessSampler({
      instance: 'host:1',
      pool: () => ({ provider: 'postgresql', used: 2, idle: 3, waiting: 1 }),
      writer: () => ({ pendingPoints: 7, queuedBatches: 2, seriesCacheHits: hits, seriesCacheMisses: 1 }),
      recorder: () => ({ recorded: 10, dropped: 2, refused: 1, buffered: 0 }),
    });
    await sleep(50);
    hits = 3;
    const points = sampler.sample(1_000);
    sampler.stop();
    const value = (name: string, tags: Record<string, string> = {}) =>
      points.find((p) => p.name === name && Object.entries(tags).every(([k, v]) => p.tags[k] === v))?.value;
    expect(points.every((p) => p.tags.instance === 'host:1' && p.ts === 1_000)).toBe(true);
    expect(value(SELF_GAUGES.cpu)).toBeGreaterThanOrEqual(0);
    expect(value(SELF_GAUGES.cpu)).toBeLessThanOrEqual(100);
    expect(value(SELF_GAUGES.rss)).toBeGreaterThan(1e6);
    expect(value(SELF_GAUGES.connections, { state: 'used' })).toBe(2);
    expect(value(SELF_GAUGES.connections, { state: 'idle' })).toBe(3);
    expect(value(SELF_GAUGES.pendingRequests)).toBe(1);
    expect(value(SELF_GAUGES.pendingPoints)).toBe(7);
    expect(value(SELF_GAUGES.queue)).toBe(2);
    expect(value(SELF_GAUGES.cacheHitRatio)).toBe(75);
    expect(value(SELF_GAUGES.dropped)).toBe(3);
    expect(points.filter((p) => p.name !== SELF_GAUGES.dropped).every((p) => p.kind === 'gauge')).toBe(true);
  });
});
