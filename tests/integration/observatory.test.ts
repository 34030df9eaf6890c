/**
 * The Observatory view's query against exact answers computed from the inserted records, on
 * real databases and across compaction: requests, errors, rates, error rates and Apdex exact
 * (no duration lies within a sketch bin of T or 4T), p50/p95/p99 within 1%, every chart step
 * consistent with the records in it, active users as distinct page loads of the project in the
 * last 5 minutes, the known gauges, counters and distributions the project reports (and only
 * those), the Web Vitals as their own query answers them, and the period before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl } from '@/lib/db/url';
import { fanOut } from '@/lib/ingest/requests';
import type { RequestRecord } from '@/lib/ingest/schema';
import { WEB_VITALS } from '@/lib/metrics';
import { IngestWriter, type IngestPoint } from '@/lib/ingest/writer';
import { createProject } from '@/lib/projects/store';
import { DEFAULT_GOALS, goalsFor, judge, setGoals } from '@/lib/goals';
import { APDEX_T, getObservatory, type MetricSummary, type Observatory } from '@/lib/queries/observatory';
import { getWebVitals } from '@/lib/queries/web-vitals';
import { compact, DAY_MS, HOUR_MS, LATENESS_MS } from '@/lib/rollup';
import { PAGE_ACTIVITY_COLUMNS } from '@/lib/vitals/rows';
import { databaseProviders, type TestDatabase } from '../helpers/services';

const T0 = Date.UTC(2026, 10, 2);
const ROUTES = [
  { service: 'api', method: 'GET', route: '/orders/[id]', base: 60 },
  { service: 'api', method: 'POST', route: '/orders', base: 220 },
  { service: 'web', method: 'GET', route: '/search', base: 400 },
] as const;
const HOSTS = ['web-1', 'api-1'] as const;

function nearestRank(sorted: number[], q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

function expectWithin1(actual: number | null, expected: number) {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected) / expected).toBeLessThanOrEqual(0.01 + 1e-9);
}

/** Keeps a duration two bins away from T and 4T, so Apdex's counts are exact. */
function awayFromThresholds(ms: number): number {
  for (const t of [APDEX_T, 4 * APDEX_T]) if (Math.abs(ms - t) / t < 0.025) return t * (ms < t ? 0.97 : 1.03);
  return ms;
}

describe.each(databaseProviders())('observatory query on %s', (_name, fresh) => {
  let database: TestDatabase;
  let db: Db;
  let projectId: string;
  let otherProjectId: string;
  const records: RequestRecord[] = [];
  const gauges: { name: string; host: string; ts: number; value: number }[] = [];
  const orders: { ts: number; value: number }[] = [];
  const sessions: { ts: number; value: number }[] = [];
  // Two days; the second is the range (slower, more 5xx on /search), the first the period before.
  const range = { from: T0 + DAY_MS, to: T0 + 2 * DAY_MS };
  const previous = { from: T0, to: T0 + DAY_MS };
  const now = T0 + 2 * DAY_MS - 30_000;

  beforeAll(async () => {
    database = fresh();
    const target = parseDatabaseUrl(database.url);
    await migrate(target);
    db = createDb(target);
    projectId = (await createProject(db, 'test', { name: 'Overview' })).id;
    otherProjectId = (await createProject(db, 'test', { name: 'Other' })).id;
    const writer = new IngestWriter(db, target.provider);

    for (let i = 0; i < (2 * DAY_MS) / 60_000; i++) {
      const second = i >= DAY_MS / 60_000;
      ROUTES.forEach((r, j) => {
        const slower = second ? 1.5 : 1;
        const failing = r.route === '/search' && second ? 7 : 31;
        records.push({
          service: r.service,
          method: r.method,
          route: r.route,
          status: (i + j) % failing === 0 ? 503 : i % 17 === 0 ? 404 : 200,
          durationMs: awayFromThresholds(r.base * slower * (1 + ((i * 7919 + j * 104_729) % 1000) / 200)),
          ts: T0 + i * 60_000 + j * 7_000,
        });
      });
      HOSTS.forEach((host, k) => {
        const ts = T0 + i * 60_000 + 30_000 + k * 1_000;
        gauges.push({ name: 'system.cpu.utilization', host, ts, value: 20 + k * 15 + ((i * 37) % 40) });
        // The process's own CPU gauge too: the system-wide one wins.
        gauges.push({ name: 'process.cpu.utilization', host, ts, value: 99 });
        // No system.memory.usage: the process's RSS stands in, summed over hosts.
        gauges.push({ name: 'process.memory.rss', host, ts, value: 1e9 * (1 + k) + ((i * 7) % 50) * 1e6 });
        gauges.push({ name: 'queue.length', host, ts, value: (i + k * 3) % 12 });
      });
      if (i % 10 === 0) orders.push({ ts: T0 + i * 60_000 + 5_000, value: 1 + (i % 4) });
      if (i % 7 === 0) sessions.push({ ts: T0 + i * 60_000 + 9_000, value: 30 + (i % 90) });
    }

    const points: IngestPoint[] = [
      ...fanOut(records),
      ...gauges.map((g) => ({
        name: g.name,
        kind: 'gauge' as const,
        unit: null,
        tags: { host: g.host },
        ts: g.ts,
        value: g.value,
      })),
      ...orders.map((o) => ({
        name: 'business.orders',
        kind: 'counter' as const,
        unit: null,
        tags: {},
        ts: o.ts,
        value: o.value,
      })),
      ...sessions.map((s) => ({
        name: 'business.session.duration',
        kind: 'distribution' as const,
        unit: 's',
        tags: {},
        ts: s.ts,
        value: s.value,
      })),
      // A few vitals, so the view's vitals are the Web Vitals query's.
      ...Array.from({ length: 400 }, (_, i) => ({
        name: WEB_VITALS.LCP.metric,
        kind: 'distribution' as const,
        unit: WEB_VITALS.LCP.unit,
        tags: { route: '/', device: 'mobile' },
        ts: T0 + i * 400_000,
        value: 900 + ((i * 53) % 3000),
      })),
    ];
    for (let i = 0; i < points.length; i += 20_000) await writer.submit(projectId, points.slice(i, i + 20_000));

    // Page loads: some inside the last 5 minutes (repeated beacons count once), some older, some of another project.
    const activity: unknown[][] = [];
    for (let p = 0; p < 9; p++)
      for (let b = 0; b < 3; b++) activity.push([projectId, `page-${p}`, '/', now - 20_000 - p * 30_000 - b * 1_000]);
    for (let p = 0; p < 4; p++) activity.push([projectId, `old-${p}`, '/', now - 6 * 60_000 - p * 10_000]);
    activity.push([projectId, 'page-0', '/', now - 7 * 60_000]);
    activity.push([projectId, 'edge-in', '/', now - 5 * 60_000]);
    activity.push([projectId, 'edge-out', '/', now - 5 * 60_000 - 1]);
    activity.push([projectId, 'future', '/', now + 1_000]);
    for (let p = 0; p < 5; p++) activity.push([otherProjectId, `other-${p}`, '/', now - 10_000]);
    await writer.submit(projectId, [], [{ table: 'PageActivity', columns: PAGE_ACTIVITY_COLUMNS, rows: activity }]);

    // Another project's requests and gauges never show.
    await writer.submit(
      otherProjectId,
      fanOut(records.slice(-600).map((r) => ({ ...r, durationMs: 9_000, status: 500 }))).concat([
        { name: 'cdn.hit_ratio', kind: 'gauge', unit: '%', tags: {}, ts: range.from + 1_000, value: 50 },
      ]),
    );
  }, 180_000);

  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  function truth(r: { from: number; to: number }) {
    const inRange = records.filter((x) => x.ts >= r.from && x.ts < r.to);
    const sorted = inRange.map((x) => x.durationMs).sort((a, b) => a - b);
    const failed = inRange.filter((x) => x.status >= 500);
    const ok = inRange.filter((x) => x.status < 500);
    const satisfied = ok.filter((x) => x.durationMs <= APDEX_T).length;
    const tolerating = ok.filter((x) => x.durationMs > APDEX_T && x.durationMs <= 4 * APDEX_T).length;
    return {
      requests: inRange.length,
      errors: failed.length,
      errorRate: inRange.length ? failed.length / inRange.length : null,
      rate: inRange.length / ((r.to - r.from) / 1000),
      apdex: (satisfied + tolerating / 2) / inRange.length,
      p50: nearestRank(sorted, 0.5),
      p95: nearestRank(sorted, 0.95),
      p99: nearestRank(sorted, 0.99),
    };
  }

  const inRange = <T extends { ts: number }>(list: T[], r: { from: number; to: number }) =>
    list.filter((x) => x.ts >= r.from && x.ts < r.to);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  /** Each host's mean, summed. */
  const sumOfMeans = (list: { host: string; value: number }[]) =>
    HOSTS.reduce((total, h) => total + mean(list.filter((g) => g.host === h).map((g) => g.value)), 0);
  const gaugesOf = (name: string, r: { from: number; to: number }) =>
    inRange(
      gauges.filter((g) => g.name === name),
      r,
    );

  function metric(o: Observatory, key: string): MetricSummary {
    const m = [...o.infrastructure, ...o.business].find((x) => x.key === key);
    expect(m, key).toBeDefined();
    return m!;
  }

  async function expectAll() {
    const o = await getObservatory(db, projectId, range, { compare: true, now });
    expect(o.range).toEqual(range);
    expect(o.previousRange).toEqual(previous);
    expect(o.goals).toEqual(DEFAULT_GOALS);
    expect(o.apdexT).toBe(APDEX_T);

    const t = truth(range);
    const b = truth(previous);
    expect(o.requests).toEqual({
      value: t.requests,
      previous: b.requests,
      counts: { now: t.requests, before: b.requests },
    });
    // Every request number rests on the same requests.
    expect(o.p95.counts).toEqual(o.requests.counts);
    expect(o.throughput.value).toBeCloseTo(t.rate, 12);
    expect(o.throughput.previous).toBeCloseTo(b.rate, 12);
    expect(o.errorRate.value).toBeCloseTo(t.errorRate!, 12);
    expect(o.errorRate.previous).toBeCloseTo(b.errorRate!, 12);
    expect(o.apdex.value).toBeCloseTo(t.apdex, 12);
    expect(o.apdex.previous).toBeCloseTo(b.apdex, 12);
    for (const p of ['p50', 'p95', 'p99'] as const) {
      expectWithin1(o[p].value, t[p]);
      expectWithin1(o[p].previous, b[p]);
    }
    // The slower, failing day shows against the one before.
    expect(o.p95.value!).toBeGreaterThan(o.p95.previous!);
    expect(o.errorRate.value!).toBeGreaterThan(o.errorRate.previous!);

    // Charts: 5-minute steps over the day (at most 300), each step's numbers from its own records.
    expect(o.step).toBe(5 * 60_000);
    expect(o.latency).toHaveLength(288);
    expect(o.traffic).toHaveLength(288);
    expect(o.latency[0]!.t).toBe(range.from);
    expect(o.traffic.reduce((n, s) => n + s.requests, 0)).toBe(t.requests);
    expect(o.traffic.reduce((n, s) => n + s.errors, 0)).toBe(t.errors);
    for (const i of [0, 1, 100, 287]) {
      const stepRange = { from: o.traffic[i]!.t, to: o.traffic[i]!.t + o.step };
      const s = truth(stepRange);
      expect(o.traffic[i]!.requests).toBe(s.requests);
      expect(o.traffic[i]!.errors).toBe(s.errors);
      expect(o.traffic[i]!.rate).toBeCloseTo(s.rate, 12);
      expectWithin1(o.latency[i]!.p95, s.p95);
      expectWithin1(o.latency[i]!.p50, s.p50);
      // The same step of the day before, for the charts' previous-period line.
      const stepBefore = truth({ from: stepRange.from - DAY_MS, to: stepRange.to - DAY_MS });
      expect(o.traffic[i]!.previousRate).toBeCloseTo(stepBefore.rate, 12);
      expectWithin1(o.latency[i]!.previousP95, stepBefore.p95);
    }
    // Not comparing: no previous-period line.
    const alone = await getObservatory(db, projectId, range, { now });
    expect(alone.latency.every((p) => p.previousP95 === null)).toBe(true);
    expect(alone.traffic.every((p) => p.previousRate === null)).toBe(true);

    // Active users: distinct page loads of the project in [now - 5 min, now).
    expect(o.activeUsers).toEqual({ value: 9 + 1, previous: 4 + 1 + 1, counts: { now: 10, before: 6 } });
    expect(o.activeAt).toBe(now);

    // CPU: the system-wide gauge, the mean of every sample; latest: the last trend step's.
    expect(o.cpu?.name).toBe('system.cpu.utilization');
    expect(o.cpu!.value).toBeCloseTo(mean(gaugesOf('system.cpu.utilization', range).map((g) => g.value)), 9);
    expect(o.cpu!.previous).toBeCloseTo(mean(gaugesOf('system.cpu.utilization', previous).map((g) => g.value)), 9);
    const lastStep = { from: range.to - HOUR_MS, to: range.to };
    expect(o.trendStep).toBe(HOUR_MS);
    expect(o.cpu!.trend).toHaveLength(24);
    expect(o.cpu!.latest).toBeCloseTo(mean(gaugesOf('system.cpu.utilization', lastStep).map((g) => g.value)), 9);
    expect(o.cpu!.trend.at(-1)).toBe(o.cpu!.latest);
    // Memory: the process's RSS (no system gauge), each host's mean summed.
    expect(o.memory?.name).toBe('process.memory.rss');
    expect(o.memory!.value).toBeCloseTo(sumOfMeans(gaugesOf('process.memory.rss', range)), 3);
    expect(o.memory!.latest).toBeCloseTo(sumOfMeans(gaugesOf('process.memory.rss', lastStep)), 3);

    // Only what the project reports, in the lists' order; the other project's CDN gauge is not here.
    expect(o.infrastructure.map((m) => m.key)).toEqual(['cpu', 'memory', 'queueLength']);
    expect(o.business.map((m) => m.key)).toEqual(['sessionDuration', 'orders']);
    const queue = metric(o, 'queueLength');
    expect(queue.value).toBeCloseTo(sumOfMeans(gaugesOf('queue.length', range)), 9);
    const ordered = metric(o, 'orders');
    const sum = (list: { value: number }[]) => list.reduce((n, x) => n + x.value, 0);
    expect(ordered.value).toBe(sum(inRange(orders, range)));
    expect(ordered.previous).toBe(sum(inRange(orders, previous)));
    expect(ordered.latest).toBe(ordered.value);
    expect(ordered.trend.reduce<number>((n, v) => n + (v ?? 0), 0)).toBe(ordered.value);
    const session = metric(o, 'sessionDuration');
    expect(session.value).toBeCloseTo(mean(inRange(sessions, range).map((s) => s.value)), 9);
    expect(session.previous).toBeCloseTo(mean(inRange(sessions, previous).map((s) => s.value)), 9);

    // The vitals and the score are the Web Vitals query's.
    const vitals = await getWebVitals(db, projectId, {}, range, { compare: true });
    expect(o.vitals).toEqual(vitals.vitals);
    expect(o.score.value).toBe(vitals.score);
    expect(o.score.value).not.toBeNull();
    // The period before's score is the Web Vitals query's score for that period.
    expect(o.score.previous).toBe((await getWebVitals(db, projectId, {}, previous)).score);
    expect(o.score.previous).not.toBeNull();
    // The score rests on the page loads that measured LCP, in each period.
    const lcp = o.vitals.find((v) => v.vital === 'LCP')!;
    expect(o.score.counts).toEqual({ now: lcp.count, before: lcp.previous!.count });
    expect(o.vitals.find((v) => v.vital === 'LCP')!.count).toBe(
      inRange(
        Array.from({ length: 400 }, (_, i) => ({ ts: T0 + i * 400_000 })),
        range,
      ).length,
    );
    return o;
  }

  it('answers every number exactly against the records, with the day before', async () => {
    await expectAll();
  });

  it('leaves out the period before without compare, and answers an empty project with nothing invented', async () => {
    const o = await getObservatory(db, projectId, range, { now });
    expect(o.previousRange).toBeNull();
    for (const k of ['requests', 'p95', 'throughput', 'errorRate', 'apdex', 'activeUsers', 'score'] as const)
      expect(o[k].previous, k).toBeNull();
    for (const k of ['requests', 'p95', 'throughput', 'errorRate', 'apdex', 'activeUsers'] as const)
      expect(o[k].counts, k).toBeNull();
    expect(o.cpu!.previous).toBeNull();

    const empty = (await createProject(db, 'test', { name: 'Empty' })).id;
    const e = await getObservatory(db, empty, range, { compare: true, now });
    expect(e.requests).toEqual({ value: 0, previous: 0, counts: { now: 0, before: 0 } });
    expect(e.p95).toEqual({ value: null, previous: null, counts: { now: 0, before: 0 } });
    expect(e.errorRate).toEqual({ value: null, previous: null, counts: { now: 0, before: 0 } });
    expect(e.apdex).toEqual({ value: null, previous: null, counts: { now: 0, before: 0 } });
    expect(e.throughput).toEqual({ value: 0, previous: 0, counts: { now: 0, before: 0 } });
    expect(e.activeUsers).toEqual({ value: 0, previous: 0, counts: { now: 0, before: 0 } });
    expect(e.cpu).toBeNull();
    expect(e.memory).toBeNull();
    expect(e.infrastructure).toEqual([]);
    expect(e.business).toEqual([]);
    expect(e.traffic.every((s) => s.requests === 0)).toBe(true);
    expect(e.score.value).toBeNull();
  });

  it("hands back the project's own goals it was given, and the numbers judge against them", async () => {
    const p95 = (await getObservatory(db, projectId, range, { now })).p95.value!;
    expect(judge(p95, DEFAULT_GOALS.p95)).toBe(p95 <= 500 ? 'ok' : p95 <= 1_000 ? 'warning' : 'critical');
    // Levels around the measured p95: under the overridden goal it is critical, then within it.
    await setGoals(db, 'test', otherProjectId, { p95: { target: 1, critical: 2 } });
    await setGoals(db, 'test', projectId, { p95: { target: p95 / 4, critical: p95 / 2 } });
    const strict = await getObservatory(db, projectId, range, { now, goals: await goalsFor(db, projectId) });
    expect(strict.goals.p95).toMatchObject({ target: p95 / 4, critical: p95 / 2, custom: true });
    expect(strict.goals.p50).toEqual(DEFAULT_GOALS.p50);
    expect(judge(strict.p95.value!, strict.goals.p95)).toBe('critical');
    await setGoals(db, 'test', projectId, { p95: { target: p95 * 2, critical: p95 * 4 } });
    const lenient = await getObservatory(db, projectId, range, { now, goals: await goalsFor(db, projectId) });
    expect(judge(lenient.p95.value!, lenient.goals.p95)).toBe('ok');
    await setGoals(db, 'test', projectId, { p95: null });
    expect((await goalsFor(db, projectId)).p95).toEqual(DEFAULT_GOALS.p95);
    // The other project's goals are its own.
    expect((await goalsFor(db, otherProjectId)).p95).toMatchObject({ target: 1, critical: 2 });
  });

  it('reads the other project only for itself', async () => {
    const o = await getObservatory(db, otherProjectId, range, { now });
    expect(o.requests.value).toBe(600);
    expect(o.errorRate.value).toBe(1);
    expect(o.apdex.value).toBe(0);
    expect(o.activeUsers.value).toBe(5);
    expect(o.infrastructure.map((m) => m.key)).toEqual(['cdnHitRate']);
    expect(o.infrastructure[0]!.latest).toBe(50);
  });

  it('answers the same from hour and day rows after compaction', async () => {
    await compact(db, parseDatabaseUrl(database.url).provider, {
      now: T0 + 2 * DAY_MS + LATENESS_MS + HOUR_MS,
      budgetMs: 60_000,
    });
    expect(await db.rollup.count({ where: { resolution: 86400 } })).toBeGreaterThan(0);
    await expectAll();
  });
});
