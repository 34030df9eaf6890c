/**
 * The series-limit warning's numbers on real databases: series counted without the per-metric
 * totals and overflow series, and the points that went to overflow series in the last day, by
 * metric; older overflow and other projects' do not count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl } from '@/lib/db/url';
import { IngestWriter, type IngestPoint } from '@/lib/ingest/writer';
import { createProject } from '@/lib/projects/store';
import { seriesUsage } from '@/lib/queries/series-usage';
import { compact } from '@/lib/rollup';
import { databaseProviders, type TestDatabase } from '../helpers/services';

const NOW = Date.now();
const point = (name: string, user: string, ts = NOW - 60_000): IngestPoint => ({
  name,
  kind: 'counter',
  unit: null,
  tags: { user },
  ts,
  value: 1,
});

describe.each(databaseProviders())('series usage on %s', (_name, fresh) => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = fresh();
    const target = parseDatabaseUrl(database.url);
    await migrate(target);
    db = createDb(target);
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it('counts series and the last day of overflow by metric', async () => {
    const provider = parseDatabaseUrl(database.url).provider;
    const project = (await createProject(db, 'test', { name: 'Cardinality' })).id;
    const quiet = (await createProject(db, 'test', { name: 'Quiet' })).id;
    const writer = new IngestWriter(db, provider, { seriesLimit: 3 });
    await writer.submit(quiet, [point('logins', 'a')]);
    expect(await seriesUsage(db, quiet, NOW)).toMatchObject({ series: 1, overflow: { points: 0, metrics: [] } });

    // Three series fit; the seven other users and both of another metric's overflow.
    await writer.submit(
      project,
      Array.from({ length: 10 }, (_, i) => point('by.user', `u${i}`)),
    );
    await writer.submit(project, [point('carts', 'x'), point('carts', 'y')]);
    // An overflow point two days old is not in the last day.
    await writer.submit(project, [point('by.user', 'old', NOW - 2 * 86_400_000)]);
    // Compaction adds per-metric total series, which are no one's own series.
    await compact(db, provider, { now: NOW });

    const usage = await seriesUsage(db, project, NOW);
    expect(usage.series).toBe(3);
    expect(usage.limit).toBe(10_000);
    expect(usage.overflow).toEqual({ points: 7 + 2, metrics: ['by.user', 'carts'] });
  });
});
