/**
 * The query layer against the exact answer computed from the same values: counts, sums, min
 * and max exact; percentiles within 1%; time buckets and top-N groups consistent with them.
 * Three ways in, the same answers: points ingested as they happen (6 hours); the same number of
 * points backfilled over the last 30 days (staged by the writer, folded by compaction); and 30
 * days written straight into the stored model by the history writer (the demo's path).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl } from '@/lib/db/url';
import { IngestWriter, type IngestPoint } from '@/lib/ingest/writer';
import { createProject } from '@/lib/projects/store';
import { compact, HistoryWriter } from '@/lib/rollup';
import { DAY_MS, HOUR_MS } from '@/lib/time';
import { getStats } from '@/lib/queries/stats';
import { getTimeseries } from '@/lib/queries/timeseries';
import { getTop } from '@/lib/queries/top';
import { databaseProviders, type TestDatabase } from '../helpers/services';

const ROUTES = ['/a', '/b', '/c'];
/** Points per route in every mode. */
const PER_ROUTE = 10_800;

type Mode = 'live' | 'backfilled' | 'history';
const MODES: Mode[] = ['live', 'backfilled', 'history'];

/** Live: 6 hours in the past, one point every 2 s per route. Otherwise 30 whole hours-aligned days ending an hour ago. */
function rangeOf(mode: Mode): { from: number; to: number } {
  if (mode === 'live') {
    const from = Date.UTC(2026, 10, 20, 0, 0, 0);
    return { from, to: from + 6 * HOUR_MS };
  }
  const to = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - HOUR_MS;
  return { from: to - 30 * DAY_MS, to };
}

/** Route /c is slow; values vary with a deterministic pattern. */
function value(i: number, route: string): number {
  const base = route === '/c' ? 800 : route === '/b' ? 120 : 40;
  return base * (1 + ((i * 7919) % 1000) / 1000);
}

function nearestRank(sorted: number[], q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

const cases = databaseProviders().flatMap(([name, fresh]) => MODES.map((mode) => [name, mode, fresh] as const));

describe.each(cases)('queries on %s, data %s', (_name, mode, fresh) => {
  let database: TestDatabase;
  let db: Db;
  let projectId: string;
  const all: number[] = [];
  const byRoute = new Map<string, number[]>();
  const range = rangeOf(mode);
  const T0 = range.from;
  const spacingMs = (range.to - range.from) / PER_ROUTE;

  beforeAll(async () => {
    database = fresh();
    const target = parseDatabaseUrl(database.url);
    await migrate(target);
    db = createDb(target);
    projectId = (await createProject(db, 'test', { name: 'Queries' })).id;
    const points: IngestPoint[] = [];
    for (let s = 0; s < PER_ROUTE; s++) {
      for (const route of ROUTES) {
        const v = value(s, route);
        all.push(v);
        byRoute.set(route, [...(byRoute.get(route) ?? []), v]);
        points.push({
          name: 'latency',
          kind: 'distribution',
          unit: 'ms',
          tags: { route },
          ts: T0 + Math.floor(s * spacingMs),
          value: v,
        });
      }
    }
    if (mode === 'history') {
      // Compaction has run (its hour and day rows exist up to now); the history writes whole days.
      await compact(db, target.provider);
      const history = await HistoryWriter.open(db, target.provider, projectId, range.to - DAY_MS);
      for (let day = range.from; day < range.to; day += DAY_MS) {
        await history.write(points.filter((p) => p.ts >= day && p.ts < day + DAY_MS));
      }
      await history.finish();
    } else {
      // Backfilled: compaction has built every hour before the points come, so the writer stages them.
      if (mode === 'backfilled') await compact(db, target.provider);
      const writer = new IngestWriter(db, target.provider);
      for (let i = 0; i < points.length; i += 5_000) await writer.submit(projectId, points.slice(i, i + 5_000));
      if (mode === 'backfilled') {
        expect(await db.latePoint.count()).toBe(points.length);
        while (!(await compact(db, target.provider, { budgetMs: 60_000 })).caughtUp);
        expect(await db.latePoint.count()).toBe(0);
        expect(await db.rollupDirty.count()).toBe(0);
      }
    }
    all.sort((a, b) => a - b);
    for (const list of byRoute.values()) list.sort((a, b) => a - b);
  }, 120_000);
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it('answers stats with exact count, sum, min, max and percentiles within 1%', async () => {
    const stats = await getStats(db, projectId, 'latency', {}, range);
    expect(stats.count).toBe(all.length);
    expect(stats.sum).toBeCloseTo(
      all.reduce((a, b) => a + b, 0),
      3,
    );
    expect(stats.min).toBe(all[0]);
    expect(stats.max).toBe(all.at(-1));
    expect(stats.rate).toBeCloseTo(all.length / ((range.to - range.from) / 1000), 6);
    for (const [key, q] of [
      ['p50', 0.5],
      ['p90', 0.9],
      ['p95', 0.95],
      ['p99', 0.99],
    ] as const) {
      const truth = nearestRank(all, q);
      expect(Math.abs(stats[key]! - truth) / truth, key).toBeLessThanOrEqual(0.01);
    }
  });

  it('filters by tag', async () => {
    const stats = await getStats(db, projectId, 'latency', { route: '/b' }, range);
    expect(stats.count).toBe(byRoute.get('/b')!.length);
    expect(stats.max).toBe(byRoute.get('/b')!.at(-1));
    expect((await getStats(db, projectId, 'latency', { route: '/nope' }, range)).count).toBe(0);
    expect((await getStats(db, projectId, 'no.such.metric', {}, range)).p95).toBeNull();
  });

  it('cuts a range into about 300 steps whose counts add up', async () => {
    const { step, points } = await getTimeseries(db, projectId, 'latency', {}, range);
    if (mode === 'live') {
      expect(step).toBe(120_000); // 6 h / 300 = 72 s, rounded up to whole minutes
      expect(points).toHaveLength(180);
    } else {
      expect(step).toBe(3 * HOUR_MS); // 30 days / 300 = 2.4 h, rounded up to whole hours
    }
    // Steps start on multiples of their width.
    expect(points[0]!.t).toBe(Math.floor(T0 / step) * step);
    expect(points).toHaveLength(Math.ceil((range.to - points[0]!.t) / step));
    expect(points.reduce((n, p) => n + p.count, 0)).toBe(all.length);
  });

  it('ranks routes by p95, slowest first', async () => {
    const top = await getTop(db, projectId, 'latency', {}, range, { by: 'route', order: 'p95', limit: 2 });
    expect(top.map((r) => r.value)).toEqual(['/c', '/b']);
    const truth = nearestRank(byRoute.get('/c')!, 0.95);
    expect(Math.abs(top[0]!.p95! - truth) / truth).toBeLessThanOrEqual(0.01);
  });
});
