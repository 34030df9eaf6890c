/**
 * Which requests ingestion keeps whole (lib/ingest/samples.ts): every failed one and the slowest so
 * far per route and minute, one in a hundred of the rest, each capped, whatever the traffic; the
 * state bounded; nothing older than the raw retention; rows in the table's column order.
 */
import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '@/lib/ingest/schema';
import { REQUEST_SAMPLE_COLUMNS, RequestSampler, SAMPLE_LIMITS } from '@/lib/ingest/samples';

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 7, 12);

function req(fields: Partial<RequestRecord> = {}): RequestRecord {
  return { service: 'api', method: 'GET', route: '/orders/[id]', status: 200, durationMs: 10, ts: T0, ...fields };
}

function reasons(sampler: RequestSampler, records: RequestRecord[]) {
  return records.map((r) => sampler.reasonFor('p1', r));
}

describe('RequestSampler', () => {
  it('keeps the first request of a minute and each one slower than all before it, up to the cap', () => {
    const sampler = new RequestSampler();
    const got = reasons(
      sampler,
      [10, 5, 12, 12, 30, 1, 31, 40, 50, 60].map((durationMs) => req({ durationMs })),
    );
    // 10 (first), 12, 30, 31, 40 are record-breakers: five, the cap; 50 and 60 come after it.
    expect(got).toEqual(['slow', null, 'slow', null, 'slow', null, 'slow', 'slow', null, null]);
  });

  it('keeps failed requests (5xx) before anything else, up to their cap; 4xx are not failures', () => {
    const sampler = new RequestSampler();
    const got = reasons(sampler, [
      req({ status: 404, durationMs: 1 }),
      ...Array.from({ length: SAMPLE_LIMITS.error + 2 }, () => req({ status: 503, durationMs: 1 })),
    ]);
    expect(got[0]).toBe('slow');
    expect(got.filter((r) => r === 'error')).toHaveLength(SAMPLE_LIMITS.error);
    expect(got.slice(1 + SAMPLE_LIMITS.error)).toEqual([null, null]);
  });

  it('keeps one in every hundred of the rest, up to its cap, so a busy minute stays bounded', () => {
    const sampler = new RequestSampler();
    // 10,000 requests in one minute, all equally fast after the first: 1 slow, then every 100th.
    const got = reasons(
      sampler,
      Array.from({ length: 10_000 }, () => req({ durationMs: 5 })),
    );
    expect(got.filter((r) => r === 'slow')).toHaveLength(1);
    expect(got.filter((r) => r === 'sample')).toHaveLength(SAMPLE_LIMITS.sample);
    expect(got.indexOf('sample')).toBe(SAMPLE_LIMITS.every - 1);
    const kept = got.filter((r) => r !== null).length;
    expect(kept).toBeLessThanOrEqual(SAMPLE_LIMITS.error + SAMPLE_LIMITS.slow + SAMPLE_LIMITS.sample);
  });

  it('counts each project, service, method, route and minute on its own', () => {
    const sampler = new RequestSampler();
    const first = [
      req(),
      req({ ts: T0 + MIN }),
      req({ route: '/cart' }),
      req({ method: 'POST' }),
      req({ service: 'web' }),
    ].map((r) => sampler.reasonFor('p1', r));
    expect(first).toEqual(['slow', 'slow', 'slow', 'slow', 'slow']);
    expect(sampler.reasonFor('p2', req())).toBe('slow');
    expect(sampler.reasonFor('p1', req())).toBeNull();
  });

  it('forgets the oldest minutes past its bound, never keeping fewer than the rules say', () => {
    const sampler = new RequestSampler({ ...SAMPLE_LIMITS, keys: 3 });
    for (let m = 0; m < 5; m++) expect(sampler.reasonFor('p1', req({ ts: T0 + m * MIN }))).toBe('slow');
    // Minute 0 was dropped: its next request counts as a first again (one more row, not one fewer).
    expect(sampler.reasonFor('p1', req({ ts: T0 }))).toBe('slow');
    // Minute 4 is still known: an equally fast request is not kept.
    expect(sampler.reasonFor('p1', req({ ts: T0 + 4 * MIN }))).toBeNull();
  });

  it('writes rows in the table column order, with the raw path and nothing older than the retention', () => {
    const sampler = new RequestSampler();
    const side = sampler.rows(
      'p1',
      [
        req({ ts: T0 - 10 * MIN, durationMs: 99 }),
        req({
          path: '/orders/42',
          status: 502,
          durationMs: 812.5,
          dbTimeMs: 700,
          dbQueries: 31,
          cacheHit: false,
          requestBytes: 120,
          responseBytes: 4_096,
          instance: 'api-7',
        }),
        req({ ts: T0 + MIN, cacheHit: true }),
      ],
      T0 - MIN,
    );
    expect(side.table).toBe('RequestSample');
    expect(side.columns).toBe(REQUEST_SAMPLE_COLUMNS);
    const named = side.rows.map((row) => Object.fromEntries(REQUEST_SAMPLE_COLUMNS.map((c, i) => [c.name, row[i]])));
    expect(named).toEqual([
      {
        projectId: 'p1',
        ts: T0,
        service: 'api',
        method: 'GET',
        route: '/orders/[id]',
        path: '/orders/42',
        status: 502,
        durationMs: 812.5,
        dbTimeMs: 700,
        dbQueries: 31,
        cache: 'miss',
        requestBytes: 120,
        responseBytes: 4_096,
        instance: 'api-7',
        reason: 'error',
      },
      expect.objectContaining({
        ts: T0 + MIN,
        path: '/orders/[id]',
        cache: 'hit',
        dbTimeMs: null,
        instance: null,
        reason: 'slow',
      }),
    ]);
  });
});
