/**
 * The write path on real databases: points committed with their rollups, concurrent requests
 * sharing flushes, the series limit's overflow series, and a full buffer refused with 503.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, driverOf, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl } from '@/lib/db/url';
import { compact, mergeSketches, quantile } from '@/lib/rollup';
import { IngestWriter, type IngestPoint } from '@/lib/ingest/writer';
import { OVERFLOW_DIMS } from '@/lib/rollup';
import { createProject, deleteProject } from '@/lib/projects/store';
import { PAGE_ACTIVITY_COLUMNS } from '@/lib/vitals/rows';
import { rejection } from '../helpers/errors';
import { databaseProviders, freshSqlite, type TestDatabase } from '../helpers/services';

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);

function latency(i: number, tags: Record<string, string> = { route: '/users/[id]' }): IngestPoint {
  return {
    name: 'http.server.duration',
    kind: 'distribution',
    unit: 'ms',
    tags,
    ts: T0 + i * 1000,
    value: 10 + (i % 100),
  };
}

describe.each(databaseProviders())('ingestion writer on %s', (_name, fresh) => {
  let database: TestDatabase;
  let db: Db;
  let projectId: string;
  beforeAll(async () => {
    database = fresh();
    const target = parseDatabaseUrl(database.url);
    await migrate(target);
    db = createDb(target);
    projectId = (await createProject(db, 'test', { name: 'Ingest' })).id;
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it('commits points and per-minute rollups whose sketches hold every value', async () => {
    const writer = new IngestWriter(db, parseDatabaseUrl(database.url).provider);
    const points = Array.from({ length: 1_200 }, (_, i) => latency(i));
    await writer.submit(projectId, points);

    const series = await db.series.findMany({ where: { projectId } });
    expect(series).toHaveLength(1);
    expect(series[0]).toMatchObject({
      name: 'http.server.duration',
      kind: 'distribution',
      unit: 'ms',
      dims: '{"route":"/users/[id]"}',
    });
    expect(await db.point.count({ where: { seriesId: series[0]!.id } })).toBe(1_200);

    const rollups = await db.rollup.findMany({ where: { seriesId: series[0]!.id }, orderBy: { bucket: 'asc' } });
    expect(rollups).toHaveLength(20); // 1,200 seconds = 20 minutes
    expect(rollups.reduce((n, r) => n + r.count, 0)).toBe(1_200);
    expect(Number(rollups[0]!.bucket)).toBe(T0);
    const sum = points.reduce((s, p) => s + p.value, 0);
    expect(rollups.reduce((s, r) => s + r.sum, 0)).toBeCloseTo(sum, 6);
    expect(Math.min(...rollups.map((r) => r.min))).toBe(10);
    expect(Math.max(...rollups.map((r) => r.max))).toBe(109);
    const merged = mergeSketches(rollups.map((r) => new Uint8Array(r.sketch!)));
    expect(merged.count).toBe(1_200);
    const p50 = quantile(merged, 0.5, { min: 10, max: 109 });
    expect(Math.abs(p50 - 59) / 59).toBeLessThanOrEqual(0.01);
  });

  it('answers every concurrent request only after its points are stored, in shared flushes', async () => {
    const writer = new IngestWriter(db, parseDatabaseUrl(database.url).provider);
    const before = await db.point.count();
    const requests = Array.from({ length: 40 }, (_, r) =>
      writer.submit(
        projectId,
        Array.from({ length: 50 }, (_, i) => ({
          ...latency(r * 50 + i, { route: `/r/${r % 4}` }),
          name: 'concurrent',
        })),
      ),
    );
    await Promise.all(requests);
    expect((await db.point.count()) - before).toBe(2_000);
    // 40 requests, far fewer transactions: the first alone, then the ones that waited, together.
    expect(writer.flushes).toBeGreaterThanOrEqual(2);
    expect(writer.flushes).toBeLessThan(10);
    await writer.flush();
  });

  it('puts points whose tags differ only in key order in one series', async () => {
    const writer = new IngestWriter(db, parseDatabaseUrl(database.url).provider);
    const other = (await createProject(db, 'test', { name: 'Tag order' })).id;
    await writer.submit(other, [
      { ...latency(0, { route: '/a', method: 'GET' }), name: 'ordered' },
      { ...latency(1, { method: 'GET', route: '/a' }), name: 'ordered' },
    ]);
    await writer.submit(other, [{ ...latency(2, { method: 'GET', route: '/a' }), name: 'ordered' }]);
    const series = await db.series.findMany({ where: { projectId: other } });
    expect(series.map((s) => s.dims)).toEqual(['{"method":"GET","route":"/a"}']);
    expect(await db.point.count({ where: { seriesId: series[0]!.id } })).toBe(3);
    const rollups = await db.rollup.findMany({ where: { seriesId: series[0]!.id } });
    expect(rollups.reduce((n, r) => n + r.count, 0)).toBe(3);
  });

  it('sends new series beyond the limit to one overflow series per metric and counts them', async () => {
    const writer = new IngestWriter(db, parseDatabaseUrl(database.url).provider, { seriesLimit: 3 });
    const other = (await createProject(db, 'test', { name: 'Cardinality' })).id;
    const points = Array.from({ length: 10 }, (_, i) => ({ ...latency(i, { user: `u${i}` }), name: 'by.user' }));
    await writer.submit(other, points);
    const series = await db.series.findMany({ where: { projectId: other }, orderBy: { id: 'asc' } });
    expect(series.filter((s) => s.dims !== OVERFLOW_DIMS)).toHaveLength(3);
    const overflow = series.find((s) => s.dims === OVERFLOW_DIMS)!;
    expect(await db.point.count({ where: { seriesId: overflow.id } })).toBe(7);
    expect(writer.overflowed.get(other)).toBe(7);
  });

  it('refuses with 503 and Retry-After when the buffer is full, storing nothing of that request', async () => {
    const writer = new IngestWriter(db, parseDatabaseUrl(database.url).provider, { maxPendingPoints: 100 });
    const before = await db.point.count();
    const err = await rejection(
      writer.submit(
        projectId,
        Array.from({ length: 101 }, (_, i) => latency(i)),
      ),
    );
    expect(err).toMatchObject({ status: 503, headers: { 'Retry-After': '1' } });
    expect(await db.point.count()).toBe(before);
  });

  /**
   * Runs `test` on a database of its own (compaction's watermarks would stage the other tests'
   * past points), with one project and compaction caught up.
   */
  async function withOwnStore(
    name: string,
    test: (ownDb: Db, target: ReturnType<typeof parseDatabaseUrl>, project: string) => Promise<void>,
  ): Promise<void> {
    const own = fresh();
    const target = parseDatabaseUrl(own.url);
    await migrate(target);
    const ownDb = createDb(target);
    try {
      const project = (await createProject(ownDb, 'test', { name })).id;
      expect((await compact(ownDb, target.provider)).caughtUp).toBe(true);
      await test(ownDb, target, project);
    } finally {
      await ownDb.$disconnect();
      await own.drop();
    }
  }

  it('stages points for hours compaction has built, asks for compaction, and compaction folds them', async () => {
    await withOwnStore('Late', async (ownDb, target, project) => {
      let late = 0;
      const writer = new IngestWriter(ownDb, target.provider, { onLateWrite: () => (late += 1) });
      const now = Date.now();
      const at = (ts: number, value: number): IngestPoint => ({ ...latency(0), ts, value });
      await writer.submit(project, [at(now - 1_000, 5), at(now - 60_000, 6)]);
      expect(late).toBe(0);
      expect(await ownDb.latePoint.count()).toBe(0);
      const threeHoursAgo = now - 3 * 3_600_000;
      await writer.submit(project, [at(now - 1_000, 7), at(threeHoursAgo, 700)]);
      expect(late).toBe(1);
      // Staged, not yet in rollups or raw points.
      expect(await ownDb.latePoint.count()).toBe(1);
      expect(await ownDb.rollup.count({ where: { max: 700 } })).toBe(0);
      expect(await ownDb.point.count()).toBe(3);

      const report = await compact(ownDb, target.provider);
      expect(report.caughtUp).toBe(true);
      expect(report.late.points).toBe(1);
      expect(await ownDb.latePoint.count()).toBe(0);
      expect(await ownDb.point.count({ where: { value: 700 } })).toBe(1);
      const hour = Math.floor(threeHoursAgo / 3_600_000) * 3_600_000;
      const minuteRows = await ownDb.rollup.findMany({ where: { resolution: 60, max: 700 } });
      expect(minuteRows).toHaveLength(1);
      // Its hour, built before the point came, was rebuilt with it.
      const hourRows = await ownDb.rollup.findMany({
        where: { resolution: 3600, bucket: hour },
        select: { count: true, max: true },
      });
      // The series' hour and its metric's total, each holding the one point.
      expect(hourRows).toEqual([
        { count: 1, max: 700 },
        { count: 1, max: 700 },
      ]);
      expect(await ownDb.rollupDirty.count()).toBe(0);
    });
  });

  it('counts a weighted value that many times: no raw point for it, and a late one staged that many times', async () => {
    await withOwnStore('Weighted', async (ownDb, target, project) => {
      const writer = new IngestWriter(ownDb, target.provider);
      const now = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
      const at = (ts: number, value: number, weight?: number): IngestPoint => ({
        ...latency(0),
        ts,
        value,
        ...(weight && { weight }),
      });
      const counter = (ts: number, value: number): IngestPoint => ({
        name: 'http.server.requests',
        kind: 'counter',
        unit: null,
        tags: { route: '/users/[id]' },
        ts,
        value,
      });
      // Now: 40 × 12 ms and 1 × 900 ms, as two values and a count of 41.
      await writer.submit(project, [at(now + 1_000, 12, 40), at(now + 2_000, 900), counter(now + 1_000, 41)]);
      const rows = await ownDb.rollup.findMany({ where: { resolution: 60, bucket: now, sketch: { not: null } } });
      expect(rows.map((r) => ({ count: r.count, sum: r.sum, min: r.min, max: r.max }))).toEqual([
        { count: 41, sum: 40 * 12 + 900, min: 12, max: 900 },
      ]);
      expect(quantile(mergeSketches(rows.map((r) => r.sketch!)), 0.5, { min: 12, max: 900 })).toBeCloseTo(12, 0);
      // Only the value that stands for itself has a raw point.
      expect((await ownDb.point.findMany()).map((p) => p.value).sort()).toEqual([41, 900]);
      // Late: staged once per request it stands for, so compaction folds the exact count.
      const threeHoursAgo = now - 3 * 3_600_000;
      await writer.submit(project, [at(threeHoursAgo, 50, 7)]);
      expect(await ownDb.latePoint.count()).toBe(7);
      expect((await compact(ownDb, target.provider)).caughtUp).toBe(true);
      const hour = Math.floor(threeHoursAgo / 3_600_000) * 3_600_000;
      const hourRows = await ownDb.rollup.findMany({
        where: { resolution: 3600, bucket: hour },
        select: { count: true },
      });
      expect(hourRows).toEqual([{ count: 7 }, { count: 7 }]);
    });
  });

  it("removes a deleted project's points and rollups with it", async () => {
    const writer = new IngestWriter(db, parseDatabaseUrl(database.url).provider);
    const doomed = await createProject(db, 'test', { name: 'Doomed' });
    await writer.submit(doomed.id, [latency(1), latency(2)]);
    const [series] = await db.series.findMany({ where: { projectId: doomed.id } });
    await deleteProject(db, 'test', doomed.id);
    expect(await db.point.count({ where: { seriesId: series!.id } })).toBe(0);
    expect(await db.rollup.count({ where: { seriesId: series!.id } })).toBe(0);
    expect(await db.series.count({ where: { projectId: doomed.id } })).toBe(0);
  });

  it('commits side rows in the transaction of the points: both, or neither', async () => {
    const writer = new IngestWriter(db, parseDatabaseUrl(database.url).provider);
    const activity = (pageId: string | null) => ({
      table: 'PageActivity',
      columns: PAGE_ACTIVITY_COLUMNS,
      rows: [[projectId, pageId, '/side', T0]],
    });
    const side = (tags: Record<string, string>) => [latency(1, tags)];
    const seriesPoints = async (route: string) =>
      db.point.count({
        where: {
          seriesId: { in: (await db.series.findMany({ where: { dims: `{"route":"${route}"}` } })).map((s) => s.id) },
        },
      });

    await writer.submit(projectId, side({ route: '/side/ok' }), [activity('page-ok-0001')]);
    expect(await db.pageActivity.count({ where: { pageId: 'page-ok-0001' } })).toBe(1);
    expect(await seriesPoints('/side/ok')).toBe(1);

    // A side row the database refuses (no page id) takes its points down with it.
    const err = await rejection(writer.submit(projectId, side({ route: '/side/bad' }), [activity(null)]));
    expect(err.status).toBe(503);
    expect(await seriesPoints('/side/bad')).toBe(0);
    expect(await db.pageActivity.count({ where: { route: '/side' } })).toBe(1);
  });
});

describe('ingestion writer on SQLite, its insert thread', () => {
  it('keeps storing when the thread has died', async () => {
    const database = freshSqlite();
    const target = parseDatabaseUrl(database.url);
    await migrate(target);
    const db = createDb(target);
    try {
      const projectId = (await createProject(db, 'test', { name: 'Thread' })).id;
      const writer = new IngestWriter(db, 'sqlite');
      await writer.submit(projectId, [latency(1)]);
      const driver = driverOf(db);
      if (driver?.provider !== 'sqlite') throw new Error('expected the SQLite driver');
      // The thread that did the insert above (there is one), stopped as a crash would stop it.
      const stopping = driver.inWorker((worker) => worker.close());
      expect(stopping).not.toBeNull();
      await stopping;
      await writer.submit(projectId, [latency(2), latency(3)]);
      expect(await db.point.count()).toBe(3);
    } finally {
      await db.$disconnect();
      await database.drop();
    }
  });
});
