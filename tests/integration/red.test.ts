/**
 * Rate, errors and Apdex from request records (POST /api/v1/requests fans them out), on real
 * databases and across compaction: error ratio exact, Apdex equal to the exact count except
 * for values within 1% of a threshold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl } from '@/lib/db/url';
import { fanOut } from '@/lib/ingest/requests';
import type { RequestRecord } from '@/lib/ingest/schema';
import { IngestWriter } from '@/lib/ingest/writer';
import { createProject } from '@/lib/projects/store';
import { getRed } from '@/lib/queries/red';
import { DAY_MS, HOUR_MS, LATENESS_MS } from '@/lib/rollup';
import { compactUntilCaughtUp } from '../helpers/compaction';
import { databaseProviders, type TestDatabase } from '../helpers/services';

const T0 = Date.UTC(2026, 10, 2);
const T = 300;

/** Durations chosen away from T and 4T (a sketch resolves thresholds to 1%). */
function duration(i: number): number {
  const spread = [20, 150, 290, 310, 900, 1_150, 1_250, 4_000];
  return spread[i % spread.length]!;
}

describe.each(databaseProviders())('RED queries on %s', (_name, fresh) => {
  let database: TestDatabase;
  let db: Db;
  let projectId: string;
  const records: RequestRecord[] = [];
  const range = { from: T0, to: T0 + 2 * DAY_MS };

  beforeAll(async () => {
    database = fresh();
    const target = parseDatabaseUrl(database.url);
    await migrate(target);
    db = createDb(target);
    projectId = (await createProject(db, 'test', { name: 'RED' })).id;
    const writer = new IngestWriter(db, target.provider);
    for (let i = 0; i < 2 * 24 * 60; i++) {
      const status = i % 50 === 0 ? 503 : i % 17 === 0 ? 404 : 200;
      records.push({
        service: 'api',
        route: i % 3 ? '/orders/[id]' : '/search',
        method: 'GET',
        status,
        durationMs: duration(i),
        ts: T0 + i * 60_000 + 1_000,
      });
    }
    await writer.submit(projectId, fanOut(records));
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  function truth(filter: (r: RequestRecord) => boolean) {
    const list = records.filter(filter);
    const errors = list.filter((r) => r.status >= 500).length;
    const ok = list.filter((r) => r.status < 500);
    const satisfied = ok.filter((r) => r.durationMs <= T).length;
    const tolerating = ok.filter((r) => r.durationMs > T && r.durationMs <= 4 * T).length;
    return {
      requests: list.length,
      errors,
      errorRatio: errors / list.length,
      satisfied,
      tolerating,
      frustrated: list.length - satisfied - tolerating,
      score: (satisfied + tolerating / 2) / list.length,
    };
  }

  async function expectRed(filters: Record<string, string>, filter: (r: RequestRecord) => boolean) {
    const red = await getRed(db, projectId, filters, range, T);
    const t = truth(filter);
    expect(red.requests).toBe(t.requests);
    expect(red.errors).toBe(t.errors);
    expect(red.errorRatio).toBeCloseTo(t.errorRatio, 12);
    expect(red.rate).toBeCloseTo(t.requests / (2 * 86_400), 12);
    expect(red.apdex).toEqual({
      t: T,
      score: expect.closeTo(t.score, 12),
      satisfied: t.satisfied,
      tolerating: t.tolerating,
      frustrated: t.frustrated,
    });
  }

  it('counts requests, 5xx, the error ratio and Apdex, also per route', async () => {
    await expectRed({}, () => true);
    await expectRed({ route: '/search' }, (r) => r.route === '/search');
  });

  it('answers the same from hour and day rows after compaction', async () => {
    await compactUntilCaughtUp(db, parseDatabaseUrl(database.url).provider, range.to + LATENESS_MS + HOUR_MS);
    expect(await db.rollup.count({ where: { resolution: 86400 } })).toBeGreaterThan(0);
    await expectRed({}, () => true);
    await expectRed({ route: '/orders/[id]' }, (r) => r.route === '/orders/[id]');
  });

  it('has no ratio or score without requests', async () => {
    const red = await getRed(db, projectId, { route: '/nowhere' }, range, T);
    expect(red).toMatchObject({ requests: 0, errors: 0, errorRatio: null, apdex: { score: null, satisfied: 0 } });
  });
});
