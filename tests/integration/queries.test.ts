/**
 * The query layer against the exact answer computed from the same values: counts, sums, min
 * and max exact; percentiles within 1%; time buckets and top-N groups consistent with them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl } from '@/lib/db/url';
import { IngestWriter, type IngestPoint } from '@/lib/ingest/writer';
import { createProject } from '@/lib/projects/store';
import { getStats } from '@/lib/queries/stats';
import { getTimeseries } from '@/lib/queries/timeseries';
import { getTop } from '@/lib/queries/top';
import { databaseProviders, type TestDatabase } from '../helpers/services';

const T0 = Date.UTC(2026, 10, 20, 0, 0, 0);
const HOURS = 6;
const ROUTES = ['/a', '/b', '/c'];

/** Route /c is slow; values vary with a deterministic pattern. */
function value(i: number, route: string): number {
  const base = route === '/c' ? 800 : route === '/b' ? 120 : 40;
  return base * (1 + ((i * 7919) % 1000) / 1000);
}

function nearestRank(sorted: number[], q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

describe.each(databaseProviders())('queries on %s', (_name, fresh) => {
  let database: TestDatabase;
  let db: Db;
  let projectId: string;
  const all: number[] = [];
  const byRoute = new Map<string, number[]>();
  const range = { from: T0, to: T0 + HOURS * 3_600_000 };

  beforeAll(async () => {
    database = fresh();
    const target = parseDatabaseUrl(database.url);
    await migrate(target);
    db = createDb(target);
    projectId = (await createProject(db, 'test', { name: 'Queries' })).id;
    const writer = new IngestWriter(db, target.provider);
    const points: IngestPoint[] = [];
    // One point every 2 seconds per route for 6 hours: 32,400 points over 1,080 minute rollups.
    for (let s = 0; s < HOURS * 3600; s += 2) {
      for (const route of ROUTES) {
        const v = value(s, route);
        all.push(v);
        byRoute.set(route, [...(byRoute.get(route) ?? []), v]);
        points.push({
          name: 'latency',
          kind: 'distribution',
          unit: 'ms',
          tags: { route },
          ts: T0 + s * 1000,
          value: v,
        });
      }
    }
    for (let i = 0; i < points.length; i += 5_000) await writer.submit(projectId, points.slice(i, i + 5_000));
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
    expect(stats.rate).toBeCloseTo(all.length / (HOURS * 3600), 6);
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
    expect(step).toBe(120_000); // 6 h / 300 = 72 s, rounded up to whole minutes
    expect(points).toHaveLength(180);
    expect(points.reduce((n, p) => n + p.count, 0)).toBe(all.length);
    expect(points[0]!.t).toBe(T0);
  });

  it('ranks routes by p95, slowest first', async () => {
    const top = await getTop(db, projectId, 'latency', {}, range, { by: 'route', order: 'p95', limit: 2 });
    expect(top.map((r) => r.value)).toEqual(['/c', '/b']);
    const truth = nearestRank(byRoute.get('/c')!, 0.95);
    expect(Math.abs(top[0]!.p95! - truth) / truth).toBeLessThanOrEqual(0.01);
  });
});
