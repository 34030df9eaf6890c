/**
 * Folding the open minutes (lib/rollup/compact.ts foldOpenMinutes) on real databases: the
 * partial rows of minutes at or after the minute watermark become one row per series and minute,
 * closed minutes are left alone, every statistic reads the same before and after, points that
 * arrive later are folded in by the next run, the minute level then closes folded minutes as
 * usual, and folding while the writer inserts loses and doubles nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { parseDatabaseUrl, type DbProvider } from '@/lib/db/url';
import { IngestWriter, type IngestPoint } from '@/lib/ingest/writer';
import { createProject } from '@/lib/projects/store';
import { getStats } from '@/lib/queries/stats';
import { compact, foldOpenMinutes, LATENESS_MS, MINUTE_MS } from '@/lib/rollup';
import { Random } from '@/lib/random';
import { migratedDb } from '../helpers/db';
import { databaseProviders, type TestDatabase } from '../helpers/services';

const T0 = Date.UTC(2026, 10, 2, 10, 0, 0);
const MINUTES = 12;
const SHAPES = ['a', 'b', 'c'];

const nearestRank = (sorted: number[], q: number) => sorted[Math.floor(q * (sorted.length - 1))]!;

describe.each(databaseProviders())('folding open minutes on %s', (name, fresh) => {
  let database: TestDatabase;
  let db: Db;
  let provider: DbProvider;
  let projectId: string;
  let writer: IngestWriter;
  const rand = new Random(7);
  const written: number[] = [];
  const range = { from: T0, to: T0 + 2 * MINUTES * MINUTE_MS };

  /** Points spread over [from, from + minutes), sent in batches of `batch` (a partial row per series each). */
  async function send(from: number, minutes: number, perMinute: number, batch: number): Promise<void> {
    const points: IngestPoint[] = [];
    for (let m = 0; m < minutes; m++) {
      for (let i = 0; i < perMinute; i++) {
        const value = Math.round(Math.exp(4 + rand.next()) * 10) / 10;
        written.push(value);
        points.push({
          name: 'latency',
          kind: 'distribution',
          unit: 'ms',
          tags: { shape: SHAPES[i % SHAPES.length]! },
          ts: from + m * MINUTE_MS + Math.floor((i * 60_000) / perMinute),
          value,
        });
      }
    }
    // Interleaved batches: consecutive batches revisit every minute.
    const order = points.map((p, i) => ({ p, k: (i % batch) * points.length + i })).sort((x, y) => x.k - y.k);
    const shuffled = order.map((o) => o.p);
    for (let i = 0; i < shuffled.length; i += batch) await writer.submit(projectId, shuffled.slice(i, i + batch));
  }

  const minuteRows = (where: object = {}) => db.rollup.count({ where: { resolution: 60, ...where } });
  const groups = async (where: object = {}) =>
    (
      await db.rollup.groupBy({
        by: ['seriesId', 'bucket'],
        where: { resolution: 60, ...where },
        _count: { _all: true },
      })
    ).map((g) => g._count._all);

  function expectTruth(stats: Awaited<ReturnType<typeof getStats>>) {
    const sorted = [...written].sort((a, b) => a - b);
    expect(stats.count).toBe(sorted.length);
    expect(stats.sum).toBeCloseTo(
      sorted.reduce((a, b) => a + b, 0),
      3,
    );
    expect(stats.min).toBe(sorted[0]);
    expect(stats.max).toBe(sorted.at(-1));
    for (const [key, q] of [
      ['p50', 0.5],
      ['p95', 0.95],
      ['p99', 0.99],
    ] as const) {
      const t = nearestRank(sorted, q);
      expect(Math.abs(stats[key]! - t) / t, key).toBeLessThanOrEqual(0.01);
    }
  }

  beforeAll(async () => {
    ({ database, db, provider } = await migratedDb(fresh));
    projectId = (await createProject(db, 'test', { name: 'Fold' })).id;
    writer = new IngestWriter(db, provider);
    await send(T0, MINUTES, 90, 30);
  }, 120_000);
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it('folds every open minute into one row per series, leaving closed minutes alone', async () => {
    // Close the first half: the minute level folds it and sets its watermark there.
    const closedUntil = T0 + (MINUTES / 2) * MINUTE_MS;
    await compact(db, provider, { now: closedUntil + LATENESS_MS });
    const mark = await db.compaction.findUnique({ where: { level: 'minute' } });
    expect(Number(mark!.until)).toBe(closedUntil);
    const open = { bucket: { gte: closedUntil } };
    expect(Math.min(...(await groups(open)))).toBeGreaterThan(1); // several partials per series-minute
    // A late point in a closed minute: its partial row is the minute level's to merge (it
    // rebuilds the minute), not the fold's.
    const late = { name: 'latency', kind: 'distribution' as const, unit: 'ms', tags: { shape: 'a' }, value: 77 };
    await writer.submit(projectId, [{ ...late, ts: T0 + MINUTE_MS + 5 }]);
    written.push(77);
    expect(Math.max(...(await groups({ bucket: { lt: closedUntil } })))).toBe(2);
    const closedIds = await db.rollup.findMany({
      where: { resolution: 60, bucket: { lt: closedUntil } },
      orderBy: { id: 'asc' },
    });
    const before = await getStats(db, projectId, 'latency', {}, range);
    expectTruth(before);

    const result = await foldOpenMinutes(db, provider, 7);
    expect(result!.groups).toBe((MINUTES / 2) * SHAPES.length);
    expect(await groups(open)).toEqual(Array((MINUTES / 2) * SHAPES.length).fill(1));
    // Closed minutes keep their rows, ids and contents.
    expect(
      await db.rollup.findMany({ where: { resolution: 60, bucket: { lt: closedUntil } }, orderBy: { id: 'asc' } }),
    ).toEqual(closedIds);
    // The watermark does not move: the minutes stay open to later points.
    expect(Number((await db.compaction.findUnique({ where: { level: 'minute' } }))!.until)).toBe(closedUntil);

    const after = await getStats(db, projectId, 'latency', {}, range);
    expectTruth(after);
    expect([after.p50, after.p95, after.p99]).toEqual([before.p50, before.p95, before.p99]);
    for (const shape of SHAPES) {
      const s = await getStats(db, projectId, 'latency', { shape }, range);
      expect(s.count).toBe((MINUTES * 90) / SHAPES.length + (shape === 'a' ? 1 : 0));
    }
  });

  it('a run with nothing to fold changes nothing', async () => {
    const rows = await db.rollup.findMany({ orderBy: { id: 'asc' }, select: { id: true } });
    expect(await foldOpenMinutes(db, provider)).toEqual({ rows: 0, groups: 0 });
    expect(await db.rollup.findMany({ orderBy: { id: 'asc' }, select: { id: true } })).toEqual(rows);
  });

  it('folds later points into their minutes, a backlog over several runs', async () => {
    // More points into the open minutes and into new ones.
    await send(T0 + (MINUTES / 2) * MINUTE_MS, MINUTES, 30, 15);
    const partials = await minuteRows({ bucket: { gte: T0 + (MINUTES / 2) * MINUTE_MS } });
    // At most 40 rows per run: the rest waits for the next.
    const first = await foldOpenMinutes(db, provider, 10, 40);
    expect(first!.rows).toBeGreaterThanOrEqual(40);
    expect(first!.rows).toBeLessThan(partials);
    for (let run = 0; run < 100; run++) {
      const next = await foldOpenMinutes(db, provider, 10, 40);
      if (next!.rows === 0) break;
    }
    expect(new Set(await groups({ bucket: { gte: T0 + (MINUTES / 2) * MINUTE_MS } }))).toEqual(new Set([1]));
    expectTruth(await getStats(db, projectId, 'latency', {}, range));
  });

  it('the minute level closes folded minutes, and hours build from them', async () => {
    const end = T0 + (MINUTES / 2 + MINUTES) * MINUTE_MS;
    const report = await compact(db, provider, { now: T0 + 2 * 60 * MINUTE_MS + LATENESS_MS });
    expect(report.caughtUp).toBe(true);
    expect(new Set(await groups())).toEqual(new Set([1]));
    expect(await minuteRows()).toBe(((end - T0) / MINUTE_MS) * SHAPES.length);
    expect(await db.rollup.count({ where: { resolution: 3600 } })).toBeGreaterThan(0);
    expectTruth(await getStats(db, projectId, 'latency', {}, range));
    expectTruth(await getStats(db, projectId, 'latency', {}, { from: T0, to: T0 + 60 * MINUTE_MS }));
  });

  it('folding while the writer inserts loses and doubles nothing', async () => {
    const from = T0 + 3 * 60 * MINUTE_MS;
    let folding = true;
    const folds = (async () => {
      let runs = 0;
      while (folding || runs < 3) {
        await foldOpenMinutes(db, provider, 50);
        runs++;
      }
      return runs;
    })();
    await send(from, 4, 120, 20);
    folding = false;
    expect(await folds).toBeGreaterThanOrEqual(3);
    await foldOpenMinutes(db, provider);
    expect(new Set(await groups({ bucket: { gte: from } }))).toEqual(new Set([1]));
    expectTruth(await getStats(db, projectId, 'latency', {}, { from: T0, to: from + 4 * MINUTE_MS }));
  });

  // SQLite serves one instance (one writer per file); PostgreSQL serves several.
  if (name === 'postgresql')
    it('two instances folding at once count nothing twice', async () => {
      const from = T0 + 4 * 60 * MINUTE_MS;
      await send(from, 3, 60, 10);
      const other = createDb(parseDatabaseUrl(database.url));
      try {
        const results = await Promise.all([foldOpenMinutes(db, provider, 5), foldOpenMinutes(other, provider, 5)]);
        // One folds; the other waits for the Rollup table's lock and then finds nothing left.
        expect(results.filter((r) => r.groups > 0)).toHaveLength(1);
        await foldOpenMinutes(db, provider);
      } finally {
        await other.$disconnect();
      }
      expect(new Set(await groups({ bucket: { gte: from } }))).toEqual(new Set([1]));
      expectTruth(await getStats(db, projectId, 'latency', {}, { from: T0, to: from + 3 * MINUTE_MS }));
    });
});
