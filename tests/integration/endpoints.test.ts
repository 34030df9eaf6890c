/**
 * The Endpoints view's query against exact answers computed from the inserted request records,
 * on real databases and across compaction: requests, errors and max exact, rates and error
 * rates exact to float precision, percentiles within 1% (the sketches' accuracy), the trend's
 * steps consistent with the records in them, and the period before when comparing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl } from '@/lib/db/url';
import { fanOut } from '@/lib/ingest/requests';
import type { RequestRecord } from '@/lib/ingest/schema';
import { RequestSampler } from '@/lib/ingest/samples';
import { IngestWriter } from '@/lib/ingest/writer';
import { createProject } from '@/lib/projects/store';
import { getEndpoint } from '@/lib/queries/endpoint';
import { getEndpoints, type EndpointRow } from '@/lib/queries/endpoints';
import { DAY_MS, HOUR_MS, LATENESS_MS } from '@/lib/rollup';
import { compactUntilCaughtUp } from '../helpers/compaction';
import { databaseProviders, type TestDatabase } from '../helpers/services';

const T0 = Date.UTC(2026, 10, 2);
const ROUTES = [
  { service: 'api', method: 'GET', route: '/orders/[id]', base: 40 },
  { service: 'api', method: 'POST', route: '/orders', base: 180 },
  { service: 'api', method: 'GET', route: '/search', base: 300 },
  { service: 'web', method: 'GET', route: '/products/[slug]', base: 90 },
] as const;

function nearestRank(sorted: number[], q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

function expectWithin1(actual: number | null, expected: number) {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected) / expected).toBeLessThanOrEqual(0.01 + 1e-9);
}

describe.each(databaseProviders())('endpoints query on %s', (_name, fresh) => {
  let database: TestDatabase;
  let db: Db;
  let projectId: string;
  let otherProjectId: string;
  const records: RequestRecord[] = [];
  // Two days of records, one every 20 s per route; the second day is the range, the first the period before.
  const range = { from: T0 + DAY_MS, to: T0 + 2 * DAY_MS };

  beforeAll(async () => {
    database = fresh();
    const target = parseDatabaseUrl(database.url);
    await migrate(target);
    db = createDb(target);
    projectId = (await createProject(db, 'test', { name: 'Endpoints' })).id;
    otherProjectId = (await createProject(db, 'test', { name: 'Other' })).id;
    const writer = new IngestWriter(db, target.provider);
    for (let i = 0; i < (2 * DAY_MS) / 20_000; i++) {
      ROUTES.forEach((r, j) => {
        // The second day is slower, and /search fails more on it.
        const slower = i >= DAY_MS / 20_000 ? 1.5 : 1;
        const status = (i + j) % (r.route === '/search' && slower > 1 ? 9 : 40) === 0 ? 503 : i % 23 === 0 ? 404 : 200;
        records.push({
          service: r.service,
          method: r.method,
          route: r.route,
          status,
          durationMs: r.base * slower * (1 + ((i * 7919 + j * 104_729) % 1000) / 250),
          // Only POST /orders reports database time: a third of its duration, or a tenth on 5xx.
          ...(r.route === '/orders' ? { dbTimeMs: 0 } : {}),
          ts: T0 + i * 20_000 + j * 1_000,
        });
        const last = records.at(-1)!;
        if (last.dbTimeMs !== undefined) last.dbTimeMs = last.durationMs * (last.status >= 500 ? 0.1 : 1 / 3);
      });
    }
    // As POST /api/v1/requests does: the points, and the requests kept whole (lib/ingest/samples.ts).
    const sampler = new RequestSampler();
    for (let i = 0; i < records.length; i += 5_000) {
      const part = records.slice(i, i + 5_000);
      await writer.submit(projectId, fanOut(part), [sampler.rows(projectId, part, 0)]);
    }
    // Another project's requests never show.
    await writer.submit(otherProjectId, fanOut(records.slice(0, 500).map((r) => ({ ...r, route: '/elsewhere' }))));
  }, 180_000);

  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  function truth(list: RequestRecord[], r: { from: number; to: number }) {
    const inRange = list.filter((x) => x.ts >= r.from && x.ts < r.to);
    const sorted = inRange.map((x) => x.durationMs).sort((a, b) => a - b);
    const errors = inRange.filter((x) => x.status >= 500).length;
    return {
      requests: inRange.length,
      errors,
      errorRate: errors / inRange.length,
      rate: inRange.length / ((r.to - r.from) / 1000),
      p50: nearestRank(sorted, 0.5),
      p95: nearestRank(sorted, 0.95),
      p99: nearestRank(sorted, 0.99),
      max: sorted.at(-1)!,
      time: sorted.reduce((n, d) => n + d, 0),
    };
  }

  function expectRow(row: EndpointRow | undefined, list: RequestRecord[], r: { from: number; to: number }) {
    expect(row).toBeDefined();
    const t = truth(list, r);
    expect(row!.requests).toBe(t.requests);
    expect(row!.errors).toBe(t.errors);
    expect(row!.errorRate).toBeCloseTo(t.errorRate, 12);
    expect(row!.rate).toBeCloseTo(t.rate, 12);
    expect(row!.max).toBe(t.max);
    expect(row!.time).toBeCloseTo(t.time, 6);
    expectWithin1(row!.p50, t.p50);
    expectWithin1(row!.p95, t.p95);
    expectWithin1(row!.p99, t.p99);
  }

  const of = (route: string, method: string) => records.filter((x) => x.route === route && x.method === method);

  async function expectAll() {
    const result = await getEndpoints(db, projectId, {}, range, { compare: true });
    expect(result.endpoints.map((e) => `${e.method} ${e.route}`).sort()).toEqual(
      ROUTES.map((r) => `${r.method} ${r.route}`).sort(),
    );
    expect(result.services).toEqual(['api', 'web']);
    expect(result.methods).toEqual(['GET', 'POST']);
    expect(result.previousRange).toEqual({ from: T0, to: T0 + DAY_MS });
    // Most time spent first.
    const times = result.endpoints.map((e) => e.time);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    for (const r of ROUTES) {
      const row = result.endpoints.find((e) => e.route === r.route && e.method === r.method);
      expectRow(row, of(r.route, r.method), range);
      expect(row!.service).toBe(r.service);
      expectRow({ ...row!, ...row!.previous! }, of(r.route, r.method), result.previousRange!);
    }
    // Most requests first; equal counts by route.
    const requests = result.endpoints.map((e) => e.requests);
    expect([...requests].sort((a, b) => b - a)).toEqual(requests);
    return result;
  }

  it('lists every route with exact counts and errors and percentiles within 1%, and the day before', async () => {
    const result = await expectAll();
    const search = result.endpoints.find((e) => e.route === '/search')!;
    // The slower, failing second day shows against the first.
    expect(search.p95!).toBeGreaterThan(search.previous!.p95!);
    expect(search.errorRate!).toBeGreaterThan(search.previous!.errorRate!);
  });

  it('cuts the range into about 30 trend steps that add up to the records in them', async () => {
    const result = await getEndpoints(db, projectId, {}, range);
    const { start, step, steps } = result.trend;
    expect(step).toBe(HOUR_MS);
    expect(steps).toBe(24);
    expect(start).toBe(range.from);
    expect(result.previousRange).toBeNull();
    for (const row of result.endpoints) {
      expect(row.previous).toBeNull();
      expect(row.trend.requests).toHaveLength(steps);
      expect(row.trend.p95).toHaveLength(steps);
      const list = of(row.route, row.method);
      for (let i = 0; i < steps; i++) {
        const t = truth(list, { from: start + i * step, to: start + (i + 1) * step });
        expect(row.trend.requests[i]).toBe(t.requests);
        expectWithin1(row.trend.p95[i]!, t.p95);
      }
      expect(row.trend.requests.reduce((a, b) => a + b, 0)).toBe(row.requests);
    }
  });

  it('gives steps without requests no p95, and a short range minute steps', async () => {
    const short = { from: T0 + 2 * DAY_MS - HOUR_MS, to: T0 + 2 * DAY_MS + HOUR_MS };
    const result = await getEndpoints(db, projectId, { method: 'POST' }, short);
    expect(result.trend.step).toBe(5 * 60_000);
    expect(result.trend.steps).toBe(24);
    const [row] = result.endpoints;
    expect(result.endpoints).toHaveLength(1);
    expectRow(row, of('/orders', 'POST'), short);
    // The second hour has no records.
    expect(row!.trend.requests.slice(12).every((n) => n === 0)).toBe(true);
    expect(row!.trend.p95.slice(12).every((v) => v === null)).toBe(true);
    expect(row!.rate).toBeCloseTo(row!.requests / 7200, 12);
  });

  it('filters by service and method, and still offers every service and method', async () => {
    const web = await getEndpoints(db, projectId, { service: 'web' }, range);
    expect(web.endpoints.map((e) => e.route)).toEqual(['/products/[slug]']);
    expect(web.services).toEqual(['api', 'web']);
    const apiGet = await getEndpoints(db, projectId, { service: 'api', method: 'GET' }, range);
    expect(apiGet.endpoints.map((e) => e.route).sort()).toEqual(['/orders/[id]', '/search']);
    expectRow(
      apiGet.endpoints.find((e) => e.route === '/search'),
      of('/search', 'GET'),
      range,
    );
    expect((await getEndpoints(db, projectId, { service: 'nowhere' }, range)).endpoints).toEqual([]);
  });

  it('answers the same from hour and day rows after compaction', async () => {
    const report = await compactUntilCaughtUp(
      db,
      parseDatabaseUrl(database.url).provider,
      T0 + 2 * DAY_MS + LATENESS_MS + HOUR_MS,
    );
    expect(report.caughtUp).toBe(true);
    expect(await db.rollup.count({ where: { resolution: 86400 } })).toBeGreaterThan(0);
    await expectAll();
  });

  it('shows another project only its own routes, and nothing outside the data', async () => {
    const other = await getEndpoints(db, otherProjectId, {}, { from: T0, to: T0 + DAY_MS });
    expect(other.endpoints.map((e) => `${e.service} ${e.method} ${e.route}`).sort()).toEqual([
      'api GET /elsewhere',
      'api POST /elsewhere',
      'web GET /elsewhere',
    ]);
    expect(other.endpoints.reduce((n, e) => n + e.requests, 0)).toBe(500);
    const empty = await getEndpoints(db, projectId, {}, { from: T0 - DAY_MS, to: T0 });
    expect(empty.endpoints).toEqual([]);
  });

  describe('one route', () => {
    const key = { service: 'api', method: 'POST', route: '/orders' };
    const list = () => of('/orders', 'POST').filter((x) => x.ts >= range.from && x.ts < range.to);

    it('has the numbers of its row on the list, and the period before', async () => {
      const detail = await getEndpoint(db, projectId, key, range, { compare: true });
      expect(detail.key).toEqual(key);
      expectRow({ ...detail.summary, ...key } as EndpointRow, of('/orders', 'POST'), range);
      expectRow({ ...detail.summary.previous!, ...key } as EndpointRow, of('/orders', 'POST'), detail.previousRange!);
      const row = (await getEndpoints(db, projectId, { method: 'POST' }, range)).endpoints[0]!;
      expect({ ...detail.summary, previous: null }).toEqual({
        requests: row.requests,
        rate: row.rate,
        errors: row.errors,
        errorRate: row.errorRate,
        p50: row.p50,
        p95: row.p95,
        p99: row.p99,
        max: row.max,
        time: row.time,
        previous: null,
      });
      // Each step's p95 of the day before, for the chart's previous-period line; none when not comparing.
      const all = of('/orders', 'POST');
      for (const p of detail.points) {
        const from = p.t - DAY_MS;
        const inStep = all.filter((x) => x.ts >= from && x.ts < from + detail.step);
        expectWithin1(p.previousP95, truth(inStep, { from, to: from + detail.step }).p95);
      }
      const alone = await getEndpoint(db, projectId, key, range);
      expect(alone.points.every((p) => p.previousP95 === null)).toBe(true);
    });

    it('gives percentiles, requests and errors per step, and the database share per step', async () => {
      const detail = await getEndpoint(db, projectId, key, range);
      expect(detail.step).toBe(30 * 60_000);
      expect(detail.points).toHaveLength(48);
      for (const p of detail.points) {
        const inStep = list().filter((x) => x.ts >= p.t && x.ts < p.t + detail.step);
        const t = truth(inStep, { from: p.t, to: p.t + detail.step });
        expect(p.requests).toBe(t.requests);
        expect(p.errors).toBe(t.errors);
        expectWithin1(p.p50, t.p50);
        expectWithin1(p.p95, t.p95);
        expectWithin1(p.p99, t.p99);
        const db = inStep.reduce((n, x) => n + x.dbTimeMs!, 0);
        const all = inStep.reduce((n, x) => n + x.durationMs, 0);
        expect(p.dbShare).toBeCloseTo(db / all, 9);
      }
    });

    it('counts requests into histogram bins exactly, by status class, and sums database time', async () => {
      const detail = await getEndpoint(db, projectId, key, range);
      const values = list().map((x) => x.durationMs);
      expect(detail.histogram.length).toBeGreaterThan(5);
      expect(detail.histogram.length).toBeLessThanOrEqual(30);
      expect(detail.histogram.reduce((n, b) => n + b.count, 0)).toBe(values.length);
      for (const b of detail.histogram) {
        expect(b.to).toBeGreaterThan(b.from);
        expect(b.count).toBe(values.filter((v) => v > b.from && v <= b.to).length);
      }
      const classes = new Map<string, number>();
      for (const x of list())
        classes.set(`${Math.floor(x.status / 100)}xx`, (classes.get(`${Math.floor(x.status / 100)}xx`) ?? 0) + 1);
      expect(detail.statuses).toEqual(
        [...classes]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([statusClass, requests]) => ({ statusClass, requests })),
      );
      const dbTime = list().reduce((n, x) => n + x.dbTimeMs!, 0);
      const requestTime = list().reduce((n, x) => n + x.durationMs, 0);
      expect(detail.db.timedRequests).toBe(values.length);
      expect(detail.db.timeMs).toBeCloseTo(dbTime, 6);
      expect(detail.db.requestMs).toBeCloseTo(requestTime, 6);
      expect(detail.db.share).toBeCloseTo(dbTime / requestTime, 9);
    });

    it("lists the slowest kept requests, missing no minute's slowest above the cut-off, with exact statuses", async () => {
      const detail = await getEndpoint(db, projectId, key, range);
      const all = list();
      const bySlowest = [...all].sort((a, b) => b.durationMs - a.durationMs || b.ts - a.ts);
      expect(detail.slowest).toHaveLength(10);
      expect(detail.slowest[0]).toMatchObject({ ts: bySlowest[0]!.ts, durationMs: bySlowest[0]!.durationMs });
      for (const [i, row] of detail.slowest.entries()) {
        if (i > 0) expect(row.durationMs).toBeLessThanOrEqual(detail.slowest[i - 1]!.durationMs);
        const record = all.find((x) => x.ts === row.ts && x.durationMs === row.durationMs);
        expect(record, `row ${i} is a request that was sent`).toBeDefined();
        expect(row).toMatchObject({ status: record!.status, path: record!.route, instance: null });
        expect(row.id).toBeGreaterThan(0);
      }
      // Each minute's slowest request is always kept: none above the list's cut-off is missing.
      const minuteMax = new Map<number, RequestRecord>();
      for (const x of all) {
        const m = Math.floor(x.ts / 60_000);
        if (!minuteMax.has(m) || minuteMax.get(m)!.durationMs < x.durationMs) minuteMax.set(m, x);
      }
      const cutOff = detail.slowest.at(-1)!.durationMs;
      const above = [...minuteMax.values()].filter((x) => x.durationMs > cutOff);
      expect(above.length).toBeGreaterThan(0);
      for (const x of above) expect(detail.slowest.some((r) => r.ts === x.ts)).toBe(true);
    });

    it('lists the latest failed requests: every 5xx is kept, newest first', async () => {
      const detail = await getEndpoint(db, projectId, key, range);
      const failed = list()
        .filter((x) => x.status >= 500)
        .sort((a, b) => b.ts - a.ts)
        .slice(0, 10);
      expect(failed.length).toBeGreaterThan(0);
      expect(detail.failed.map((r) => [r.ts, r.status, r.durationMs])).toEqual(
        failed.map((x) => [x.ts, x.status, x.durationMs]),
      );
    });

    it('finds routes with brackets, and nothing for a route, method or service it does not have', async () => {
      const bracketed = await getEndpoint(
        db,
        projectId,
        { service: 'web', method: 'GET', route: '/products/[slug]' },
        range,
      );
      expectRow({ ...bracketed.summary, ...bracketed.key } as EndpointRow, of('/products/[slug]', 'GET'), range);
      expect(bracketed.db).toMatchObject({ timedRequests: 0, share: null });
      for (const other of [
        { ...key, route: '/orders/' },
        { ...key, method: 'GET' },
        { ...key, service: 'web' },
        { ...key, route: "/orders' OR '1'='1" },
      ]) {
        const detail = await getEndpoint(db, projectId, other, range);
        expect(detail.summary.requests).toBe(0);
        expect(detail.summary.p95).toBeNull();
        expect(detail.histogram).toEqual([]);
        expect(detail.statuses).toEqual([]);
        expect(detail.slowest).toEqual([]);
        expect(detail.failed).toEqual([]);
        expect(detail.points.every((p) => p.requests === 0)).toBe(true);
      }
      const elsewhere = await getEndpoint(
        db,
        projectId,
        { service: 'api', method: 'GET', route: '/elsewhere' },
        {
          from: T0,
          to: T0 + DAY_MS,
        },
      );
      expect(elsewhere.summary.requests).toBe(0);
    });
  });
});
