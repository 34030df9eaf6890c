/**
 * Compaction and retention on real databases. Three days of points (lognormal, bimodal and
 * constant series) are written through the ingestion writer, compacted, and read back through
 * the query layer: counts, sums, min and max stay exact and every percentile within 1% of the
 * exact value, now read from day and hour rows. Late points rebuild their hour and day, a
 * second run changes nothing, two instances compacting at once count nothing twice, and
 * retention removes exactly what is past each resolution's window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { parseDatabaseUrl, type DbProvider } from '@/lib/db/url';
import { IngestWriter, type IngestPoint } from '@/lib/ingest/writer';
import { TOTAL_DIMS } from '@/lib/rollup';
import { createProject } from '@/lib/projects/store';
import { plan, watermarks } from '@/lib/rollup';
import { getStats } from '@/lib/queries/stats';
import { getTimeseries } from '@/lib/queries/timeseries';
import { getTop } from '@/lib/queries/top';
import { compact, DAY_MS, HOUR_MS, LATE_ROWS_PER_RUN, LATENESS_MS, MINUTE_MS } from '@/lib/rollup';
import { applyRetention, foldBacklog, rebuildDirty } from '@/lib/rollup';
import { migratedDb } from '../helpers/db';
import { databaseProviders, type TestDatabase } from '../helpers/services';
import { Random } from '@/lib/random';

const T0 = Date.UTC(2026, 10, 1, 0, 0, 0);
const DAYS = 3;
const END = T0 + DAYS * DAY_MS;
const STEP_S = 20;

/** A seeded generator, so a failure reproduces. */
function random(seed: number): () => number {
  const r = new Random(seed);
  return () => r.next();
}
const rand = random(11);
const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

const SHAPES: Record<string, () => number> = {
  lognormal: () => Math.exp(Math.log(120) + 0.8 * normal()),
  bimodal: () => (rand() < 0.7 ? 5 + rand() * 2 : 400 + normal() * 40),
  constant: () => 42,
};

const nearestRank = (sorted: number[], q: number) => sorted[Math.floor(q * (sorted.length - 1))]!;

type Exact = { count: number; sum: number; sorted: number[] };
function exact(values: number[]): Exact {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, sum: values.reduce((a, b) => a + b, 0), sorted };
}

/** Rollup rows of a resolution: of the shape series, or of the metric's total series. */
async function rollupRows(db: Db, resolution: number, of: 'series' | 'total' = 'series') {
  const totals = (await db.series.findMany({ where: { dims: TOTAL_DIMS }, select: { id: true } })).map((s) => s.id);
  const seriesId = of === 'total' ? { in: totals } : { notIn: totals };
  return db.rollup.count({ where: { resolution, seriesId } });
}

describe.each(databaseProviders())('compaction on %s', (name, fresh) => {
  let database: TestDatabase;
  let db: Db;
  let provider: DbProvider;
  let projectId: string;
  let writer: IngestWriter;
  const values = new Map<string, number[]>();
  const range = { from: T0, to: END };

  async function write(points: IngestPoint[]) {
    for (let i = 0; i < points.length; i += 5_000) await writer.submit(projectId, points.slice(i, i + 5_000));
  }

  beforeAll(async () => {
    ({ database, db, provider } = await migratedDb(fresh));
    projectId = (await createProject(db, 'test', { name: 'Compaction' })).id;
    writer = new IngestWriter(db, provider);
    // One value every 20 s per shape for three days, written in many small batches so each
    // minute holds several partial rows, as under live traffic.
    const points: IngestPoint[] = [];
    for (let s = 0; s < DAYS * 86_400; s += STEP_S) {
      for (const [shape, draw] of Object.entries(SHAPES)) {
        const v = draw();
        values.set(shape, [...(values.get(shape) ?? []), v]);
        points.push({
          name: 'latency',
          kind: 'distribution',
          unit: 'ms',
          tags: { shape },
          ts: T0 + s * 1000,
          value: v,
        });
      }
    }
    // Interleave so that consecutive batches revisit the same minutes.
    const even = points.filter((_, i) => i % 2 === 0);
    const odd = points.filter((_, i) => i % 2 === 1);
    await write(even);
    await write(odd);
  }, 180_000);
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  function expectClose(stats: Awaited<ReturnType<typeof getStats>>, truth: Exact) {
    expect(stats.count).toBe(truth.count);
    expect(stats.sum).toBeCloseTo(truth.sum, 3);
    expect(stats.min).toBe(truth.sorted[0]);
    expect(stats.max).toBe(truth.sorted.at(-1));
    for (const [key, q] of [
      ['p50', 0.5],
      ['p75', 0.75],
      ['p90', 0.9],
      ['p95', 0.95],
      ['p99', 0.99],
    ] as const) {
      const t = nearestRank(truth.sorted, q);
      expect(Math.abs(stats[key]! - t) / t, key).toBeLessThanOrEqual(0.01);
    }
  }

  it('folds partial minutes, builds hours and days, and answers the same', async () => {
    const partials = await rollupRows(db, 60);
    expect(partials).toBeGreaterThan(DAYS * 1440 * 3); // several rows per series-minute
    const before = await getStats(db, projectId, 'latency', {}, range);

    // Slices of two source rows: every window folds in many slices, and a group of more rows
    // than a slice makes one of its own.
    const report = await compact(db, provider, { now: END + LATENESS_MS + HOUR_MS, budgetMs: Infinity, sliceRows: 2 });
    expect(report.caughtUp).toBe(true);
    expect(await rollupRows(db, 60)).toBe(DAYS * 1440 * 3);
    expect(await rollupRows(db, 3600)).toBe(DAYS * 24 * 3);
    expect(await rollupRows(db, 86400)).toBe(DAYS * 3);
    // One total series for the metric: a row per hour and per day.
    expect(await rollupRows(db, 3600, 'total')).toBe(DAYS * 24);
    expect(await rollupRows(db, 86400, 'total')).toBe(DAYS);
    expect(await rollupRows(db, 60, 'total')).toBe(0);

    const built = (await watermarks(db)).series;
    expect(built[86400]).toBe(END);
    // A whole-days range reads day rows only.
    expect(plan(range, built)).toEqual([{ resolution: 86400, from: T0, to: END }]);

    const after = await getStats(db, projectId, 'latency', {}, range);
    expect(after.count).toBe(before.count);
    expect(after.sum).toBeCloseTo(before.sum, 3);
    expectClose(after, exact([...values.values()].flat()));
    for (const [shape, list] of values) {
      expectClose(await getStats(db, projectId, 'latency', { shape }, range), exact(list));
    }
  });

  it('answers ranges that cut across days and hours from days, hours and minutes together', async () => {
    const cut = { from: T0 + 13 * HOUR_MS + 17 * MINUTE_MS + 5_000, to: END - 5 * HOUR_MS - 31 * MINUTE_MS };
    const resolutions = new Set(plan(cut, (await watermarks(db)).series).map((s) => s.resolution));
    expect([...resolutions].sort()).toEqual([3600, 60, 86400]);
    // Minute buckets are whole: the range starts at the minute holding `from`.
    const from = Math.floor(cut.from / MINUTE_MS) * MINUTE_MS;
    const inside: number[] = [];
    for (const [, list] of values) {
      list.forEach((v, i) => {
        const ts = T0 + i * STEP_S * 1000;
        if (ts >= from && ts < cut.to) inside.push(v);
      });
    }
    expectClose(await getStats(db, projectId, 'latency', {}, cut), exact(inside));
  });

  it('cuts 30 days into 3-hour steps read from hour rows', async () => {
    const month = { from: END - 30 * DAY_MS, to: END };
    const { step, points } = await getTimeseries(db, projectId, 'latency', { shape: 'constant' }, month);
    expect(step).toBe(3 * HOUR_MS);
    expect(points).toHaveLength(240);
    expect(points.reduce((n, p) => n + p.count, 0)).toBe(values.get('constant')!.length);
    expect(points.filter((p) => p.count > 0).every((p) => p.p95 === 42)).toBe(true);
    const top = await getTop(db, projectId, 'latency', {}, month, { by: 'shape', order: 'p50', limit: 3 });
    expect(top.map((r) => r.value)).toEqual(['lognormal', 'constant', 'bimodal']);
  });

  it('a second run changes nothing', async () => {
    const rows = await db.rollup.findMany({ orderBy: { id: 'asc' }, select: { id: true } });
    const report = await compact(db, provider, { now: END + LATENESS_MS + HOUR_MS, budgetMs: 60_000 });
    expect(report.levels.map((l) => l.groups)).toEqual([0, 0, 0, 0, 0]);
    expect(await db.rollup.findMany({ orderBy: { id: 'asc' }, select: { id: true } })).toEqual(rows);
  });

  it('late points rebuild their minute, hour and day', async () => {
    const lateTs = T0 + DAY_MS + 5 * HOUR_MS + 30 * MINUTE_MS + 7_000;
    const late = [1, 2, 3, 100_000].map((v, i) => ({
      name: 'latency',
      kind: 'distribution' as const,
      unit: 'ms',
      tags: { shape: 'constant' },
      ts: lateTs + i,
      value: v,
    }));
    await write(late);
    values.get('constant')!.push(...late.map((p) => p.value));
    await compact(db, provider, { now: END + LATENESS_MS + 2 * HOUR_MS, budgetMs: 60_000 });
    expect(await rollupRows(db, 60)).toBe(DAYS * 1440 * 3);
    expect(await rollupRows(db, 3600)).toBe(DAYS * 24 * 3);
    expect(await rollupRows(db, 86400)).toBe(DAYS * 3);
    expect(await rollupRows(db, 3600, 'total')).toBe(DAYS * 24);
    expect(await rollupRows(db, 86400, 'total')).toBe(DAYS);
    // The unfiltered metric is read from its totals, which the late points rebuilt too.
    const all = await getStats(db, projectId, 'latency', {}, range);
    expect(all.count).toBe([...values.values()].flat().length);
    expect(all.max).toBe(100_000);
    const stats = await getStats(db, projectId, 'latency', { shape: 'constant' }, range);
    expect(stats.count).toBe(values.get('constant')!.length);
    expect(stats.min).toBe(1);
    expect(stats.max).toBe(100_000);
    const hour = await getStats(
      db,
      projectId,
      'latency',
      { shape: 'constant' },
      { from: T0 + DAY_MS + 5 * HOUR_MS, to: T0 + DAY_MS + 6 * HOUR_MS },
    );
    expect(hour.count).toBe(3600 / STEP_S + 4);
  });

  it('works off more late rows than one run takes, over several runs', async () => {
    // 2,500 late points in 2,500 different minutes of the second day: more than LATE_ROWS_PER_RUN.
    const late = Array.from({ length: 2_500 }, (_, i) => ({
      name: 'latency',
      kind: 'distribution' as const,
      unit: 'ms',
      tags: { shape: 'constant' },
      ts: T0 + DAY_MS + i * MINUTE_MS + 30_000,
      value: 7,
    }));
    expect(late.length).toBeGreaterThan(LATE_ROWS_PER_RUN);
    await write(late);
    values.get('constant')!.push(...late.map((p) => p.value));
    const report = await compact(db, provider, { now: END + LATENESS_MS + 3 * HOUR_MS, budgetMs: 60_000 });
    expect(report.caughtUp).toBe(true);
    expect(await rollupRows(db, 60)).toBe(DAYS * 1440 * 3);
    expect(await rollupRows(db, 3600)).toBe(DAYS * 24 * 3);
    const constant = await getStats(db, projectId, 'latency', { shape: 'constant' }, range);
    expect(constant.count).toBe(values.get('constant')!.length);
    expect((await getStats(db, projectId, 'latency', {}, range)).count).toBe([...values.values()].flat().length);
  });

  it('rebuilds dirty totals a few at a time: their sources, a row of each member series, stay within a bound', async () => {
    // A new writer reads compaction's watermark: these points fall in built hours, so they are staged.
    const staging = new IngestWriter(db, provider);
    const hours = [10, 11, 12, 13];
    const late = hours.flatMap((h) =>
      Object.keys(SHAPES).map((shape) => ({
        name: 'latency',
        kind: 'distribution' as const,
        unit: 'ms',
        tags: { shape },
        ts: T0 + h * HOUR_MS + 17_000,
        value: 9,
      })),
    );
    await staging.submit(projectId, late);
    for (const p of late) values.get(p.tags.shape)!.push(p.value);
    expect((await foldBacklog(db, provider, 0)).done).toBe(12);
    // Three members per total: a bound of 6 source rows lets two total buckets into a transaction.
    const done: number[] = [];
    for (;;) {
      const r = await rebuildDirty(db, provider, 500, 6);
      expect(r.blocked).toBe(false);
      if (r.caughtUp) break;
      done.push(r.done);
    }
    // Hours (12 series buckets), days (3), then hour totals two by two (4), then the day total.
    expect(done).toEqual([12, 3, 2, 2, 1]);
    expect(await db.rollupDirty.count()).toBe(0);
    expect((await getStats(db, projectId, 'latency', {}, range)).count).toBe([...values.values()].flat().length);
    const hourAll = await getStats(db, projectId, 'latency', {}, { from: T0 + 10 * HOUR_MS, to: T0 + 14 * HOUR_MS });
    expect(hourAll.count).toBe(4 * 3 * (3600 / STEP_S) + late.length);
  });

  // SQLite serves one instance (one writer per file); PostgreSQL serves several.
  if (name === 'postgresql')
    it('two instances compacting at once count nothing twice', async () => {
      const next = T0 + DAYS * DAY_MS;
      const more: IngestPoint[] = [];
      for (let s = 0; s < 6 * 3600; s += STEP_S) {
        more.push({
          name: 'latency',
          kind: 'distribution',
          unit: 'ms',
          tags: { shape: 'constant' },
          ts: next + s * 1000,
          value: 42,
        });
      }
      await write(more);
      const other = createDb(parseDatabaseUrl(database.url));
      try {
        const now = next + 6 * HOUR_MS + LATENESS_MS;
        await Promise.all([
          compact(db, provider, { now, budgetMs: 60_000 }),
          compact(other, provider, { now, budgetMs: 60_000 }),
        ]);
        await compact(db, provider, { now, budgetMs: 60_000 });
      } finally {
        await other.$disconnect();
      }
      expect(await rollupRows(db, 3600)).toBe(DAYS * 24 * 3 + 6);
      const stats = await getStats(
        db,
        projectId,
        'latency',
        { shape: 'constant' },
        { from: T0, to: next + 6 * HOUR_MS },
      );
      expect(stats.count).toBe(values.get('constant')!.length + more.length);
    });

  if (name === 'postgresql')
    it('two instances working off a backlog of late points at once count nothing twice', async () => {
      // A new writer reads compaction's watermark: these points fall in built hours, so they are staged.
      const staging = new IngestWriter(db, provider);
      const late = Array.from({ length: 12_000 }, (_, i) => ({
        name: 'latency',
        kind: 'distribution' as const,
        unit: 'ms',
        tags: { shape: 'constant' },
        ts: T0 + 2 * HOUR_MS + i * 10_000 + 1_234,
        value: 3,
      }));
      await staging.submit(projectId, late);
      expect(await db.latePoint.count()).toBe(late.length);
      values.get('constant')!.push(...late.map((p) => p.value));
      const other = createDb(parseDatabaseUrl(database.url));
      try {
        const now = T0 + (DAYS + 1) * DAY_MS;
        await Promise.all([
          compact(db, provider, { now, budgetMs: 60_000 }),
          compact(other, provider, { now, budgetMs: 60_000 }),
        ]);
        while (!(await compact(db, provider, { now, budgetMs: 60_000 })).caughtUp);
      } finally {
        await other.$disconnect();
      }
      expect(await db.latePoint.count()).toBe(0);
      expect(await db.rollupDirty.count()).toBe(0);
      const all = { from: T0, to: T0 + (DAYS + 1) * DAY_MS };
      const constant = await getStats(db, projectId, 'latency', { shape: 'constant' }, all);
      expect(constant.count).toBe(values.get('constant')!.length + (6 * 3600) / STEP_S);
      // Read from day rows and their totals, rebuilt once each.
      const days = await getStats(db, projectId, 'latency', { shape: 'constant' }, range);
      expect(days.count).toBe(values.get('constant')!.length);
    });

  it('retention removes raw points, minutes and hours past their windows and keeps days', async () => {
    const retention = { rawDays: 2, minuteDays: 2, hourDays: 4, dayDays: 0, alertsDays: 3 };
    const now = T0 + 4 * DAY_MS + 12 * HOUR_MS;
    // Alert history and delivery logs: one row each side of the 3-day cut.
    const alertCut = now - 3 * DAY_MS;
    for (const at of [alertCut - 1, alertCut]) {
      await db.alertEvent.create({ data: { projectId, ruleId: 'r1', kind: 'firing', at: new Date(at) } });
      await db.alertNotification.create({
        data: { projectId, ruleId: 'r1', channelId: 'c1', kind: 'firing', status: 'sent', createdAt: new Date(at) },
      });
    }
    const rawCutoff = now - 2 * DAY_MS;
    // Request samples go with the raw points: one row each side of the cut.
    for (const ts of [rawCutoff - 1, rawCutoff]) {
      await db.requestSample.create({
        data: {
          projectId,
          ts: BigInt(ts),
          service: 'api',
          method: 'GET',
          route: '/a',
          path: '/a',
          status: 200,
          durationMs: 1,
          reason: 'slow',
        },
      });
    }
    const points = await db.point.count();
    const keep = await db.point.count({ where: { ts: { gte: rawCutoff } } });
    const report = await applyRetention(db, provider, retention, now);
    expect(keep).toBeGreaterThan(0);
    expect(report.points).toBe(points - keep);
    expect(await db.point.count()).toBe(keep);
    expect(await db.point.count({ where: { ts: { lt: rawCutoff } } })).toBe(0);
    // Minutes: kept 2 days, to whole days, plus one: buckets before T0 + 1 day go.
    expect(report.rollups[60]).toBe(1440 * 3);
    expect(await db.rollup.count({ where: { resolution: 60, bucket: { lt: T0 + DAY_MS } } })).toBe(0);
    expect(await db.rollup.count({ where: { resolution: 60, bucket: { gte: T0 + DAY_MS } } })).toBeGreaterThan(0);
    // Hours: 4 days back is T0 + 12 h.
    expect(report.rollups[3600]).toBe(12 * 4); // three series and their total
    expect(report.rollups[86400]).toBe(0);
    expect(await rollupRows(db, 86400)).toBe(DAYS * 3);
    expect(report.alerts).toBe(2);
    expect(report.samples).toBe(1);
    expect((await db.requestSample.findMany()).map((r) => Number(r.ts))).toEqual([rawCutoff]);
    expect((await db.alertEvent.findMany()).map((e) => e.at.getTime())).toEqual([alertCut]);
    expect((await db.alertNotification.findMany()).map((n) => n.createdAt.getTime())).toEqual([alertCut]);
    // A second pass finds nothing more.
    expect(await applyRetention(db, provider, retention, now)).toEqual({
      points: 0,
      rollups: { 60: 0, 3600: 0, 86400: 0 },
      browser: 0,
      samples: 0,
      alerts: 0,
    });
  });
});
