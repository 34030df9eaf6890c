/**
 * The demo shop, live (lib/demo/live.ts), on every database: after a load, the minute that just
 * ended is written through the ingestion writer (a few weighted requests per route and outcome,
 * counted exactly in the rollups with no raw point each, some kept whole by the sampler; page views
 * as page loads, so active users count them); the same minute is drawn the same way; turned off,
 * or without a demo project, nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl } from '@/lib/db/url';
import { demoLiveEnabled, setDemoLive, writeDemoMinute } from '@/lib/demo/live';
import { loadDemo, type DemoSummary } from '@/lib/demo/load';
import { RequestSampler } from '@/lib/ingest/samples';
import { IngestWriter } from '@/lib/ingest/writer';
import { RED_METRICS } from '@/lib/metrics';
import { deleteProject } from '@/lib/projects/store';
import { getObservatory } from '@/lib/queries/observatory';
import { getStats } from '@/lib/queries/stats';
import { databaseProviders, type TestDatabase } from '../helpers/services';

const MIN = 60_000;

describe.each(databaseProviders())('the live demo on %s', (_name, fresh) => {
  let database: TestDatabase;
  let db: Db;
  let writer: IngestWriter;
  let demo: DemoSummary;
  // A weekday's busy hour, a few minutes after the loaded day ends.
  const end = Date.UTC(2026, 11, 1, 11, 0);
  const now = end + 3 * MIN + 7_000;

  beforeAll(async () => {
    database = fresh();
    const target = parseDatabaseUrl(database.url);
    await migrate(target);
    db = createDb(target);
    writer = new IngestWriter(db, target.provider);
    demo = await loadDemo(db, { days: 1, now: end, actor: 'test' });
  }, 180_000);

  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it('writes the minute that just ended: weighted requests counted exactly, kept requests and page loads', async () => {
    expect(await demoLiveEnabled(db)).toBe(true);
    const minute = { from: end + 2 * MIN, to: end + 3 * MIN };
    const samplesBefore = await db.requestSample.count();
    const written = await writeDemoMinute(db, writer, new RequestSampler(), now);
    expect(written).toMatchObject({ projectId: demo.project.id, minute: minute.from });
    // Tens of requests a second at this hour, counted exactly, in far fewer raw points than requests.
    expect(written!.requests).toBeGreaterThan(600);
    const stored = await getStats(db, demo.project.id, RED_METRICS.requests, {}, minute);
    expect(stored.sum).toBe(written!.requests);
    const durations = await getStats(db, demo.project.id, RED_METRICS.duration, {}, minute);
    expect(durations.count).toBe(written!.requests);
    expect(await db.point.count({ where: { ts: { gte: minute.from, lt: minute.to } } })).toBeLessThan(
      written!.requests,
    );
    expect(await db.requestSample.count()).toBeGreaterThan(samplesBefore);
    // Active users: the page loads of the last 5 minutes.
    expect(written!.pageLoads).toBeGreaterThan(0);
    const o = await getObservatory(db, demo.project.id, { from: end - 3_600_000, to: now }, { now });
    expect(o.activeUsers.value).toBe(written!.pageLoads);
  });

  it('draws a minute the same way each time (its seed is the minute)', async () => {
    const other = new IngestWriter(db, parseDatabaseUrl(database.url).provider);
    const a = await writeDemoMinute(db, other, new RequestSampler(), now + 60 * MIN);
    const b = await writeDemoMinute(db, other, new RequestSampler(), now + 60 * MIN + 30_000);
    expect(a!.minute).toBe(b!.minute);
    expect({ ...a, pageLoads: 0 }).toEqual({ ...b, pageLoads: 0 });
  });

  it('writes nothing when turned off, or without the demo project', async () => {
    const points = await db.point.count();
    await setDemoLive(db, false);
    expect(await demoLiveEnabled(db)).toBe(false);
    expect(await writeDemoMinute(db, writer, new RequestSampler(), now + 120 * MIN)).toBeNull();
    expect(await db.point.count()).toBe(points);
    await setDemoLive(db, true);
    await deleteProject(db, 'test', demo.project.id);
    expect(await writeDemoMinute(db, writer, new RequestSampler(), now + 180 * MIN)).toBeNull();
  });
});
