/**
 * Self-monitoring in process, on a real SQLite database: route() records requests without ever
 * failing one (a writer that refuses, a full buffer), DB time is the time the handler's
 * statements took, and the home's overview leaves Observatory's own project out.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl } from '@/lib/db/url';
import { IngestWriter } from '@/lib/ingest/writer';
import { route } from '@/lib/http/route';
import { createProject, getProject, SELF_PROJECT_ID } from '@/lib/projects/store';
import { getDataOverview, hasSentData } from '@/lib/queries/overview';
import { canonicalDims, seriesKey, TOTAL_DIMS } from '@/lib/rollup';
import {
  admitSelfOrigin,
  flushSelfMonitoring,
  selfSiteId,
  startSelfMonitoring,
  stopSelfMonitoring,
} from '@/lib/selfmon';
import { trackerBuilt } from '@/lib/selfmon/tracker';
import { freshSqlite, type TestDatabase } from '../helpers/services';

let database: TestDatabase;

beforeAll(async () => {
  database = freshSqlite();
  process.env.DATABASE_URL = database.url;
  process.env.REDIS_URL = '';
  process.env.SELF_MONITORING = 'true';
  await migrate(parseDatabaseUrl(database.url));
});

afterAll(async () => {
  await stopSelfMonitoring();
  await getDb().$disconnect();
  await database.drop();
});

const noDb = route({ auth: 'public' }, () => ({ ok: true }));
const withDb = route({ auth: 'public' }, async () => {
  const db = getDb();
  await db.project.count();
  await Promise.all([db.project.findMany(), db.auditEvent.count()]);
  return { ok: true };
});
const failing = route({ auth: 'public' }, () => {
  throw new Error('boom');
});

function call(handler: typeof noDb, path: string, params: Record<string, string> = {}) {
  return handler(new Request(`http://localhost${path}`), { params: Promise.resolve(params) });
}

async function series(metric: string, tags: Record<string, string>) {
  const rows = await getDb().series.findMany({ where: { projectId: SELF_PROJECT_ID, name: metric } });
  const ids = rows.filter((s) => Object.entries(tags).every(([k, v]) => JSON.parse(s.dims)[k] === v)).map((s) => s.id);
  const rollups = await getDb().rollup.findMany({ where: { seriesId: { in: ids }, resolution: 60 } });
  return {
    count: rollups.reduce((n, r) => n + r.count, 0),
    sum: rollups.reduce((n, r) => n + r.sum, 0),
    max: Math.max(...rollups.map((r) => r.max)),
  };
}

describe('recording requests in process', () => {
  it('never fails a request when the writer refuses, and counts what it lost', async () => {
    // A writer whose buffer holds one point: every batch is refused with a 503.
    await startSelfMonitoring({
      writer: new IngestWriter(getDb(), 'sqlite', { maxPendingPoints: 1 }),
      flushEveryMs: 60_000,
    });
    const statuses = await Promise.all(Array.from({ length: 50 }, () => call(noDb, '/api/x').then((r) => r.status)));
    expect(statuses).toEqual(Array(50).fill(200));
    expect((await call(failing, '/api/fails')).status).toBe(500);
    expect(await flushSelfMonitoring()).toEqual({ recorded: 51, dropped: 0, refused: 51, buffered: 0 });
    await stopSelfMonitoring();
  });

  it('never fails a request when the buffer is full: the surplus is dropped', async () => {
    await startSelfMonitoring({ flushEveryMs: 60_000, maxBuffered: 10 });
    const statuses = await Promise.all(Array.from({ length: 30 }, () => call(noDb, '/api/x').then((r) => r.status)));
    expect(statuses).toEqual(Array(30).fill(200));
    expect(await flushSelfMonitoring()).toEqual({ recorded: 10, dropped: 20, refused: 0, buffered: 0 });
    await stopSelfMonitoring();
  });

  it('records the app route with the time its statements took', async () => {
    await startSelfMonitoring({ flushEveryMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      expect((await call(withDb, '/api/things/abc-1', { id: 'abc-1' })).status).toBe(200);
      expect((await call(noDb, '/api/plain')).status).toBe(200);
    }
    expect(await flushSelfMonitoring()).toMatchObject({ recorded: 6, dropped: 0, refused: 0 });
    const tags = { service: 'observatory', route: '/api/things/[id]', method: 'GET' };
    const db = await series('http.server.db.duration', tags);
    const duration = await series('http.server.request.duration', { ...tags, status_class: '2xx' });
    expect(db.count).toBe(3);
    expect(db.sum).toBeGreaterThan(0);
    expect(db.max).toBeLessThanOrEqual(duration.max);
    // A handler that runs no statement spends no time in the database.
    const none = await series('http.server.db.duration', { route: '/api/plain' });
    expect(none).toMatchObject({ count: 3, sum: 0, max: 0 });
    expect((await series('http.server.requests', { route: '/api/plain', status_class: '2xx' })).sum).toBe(3);
    await stopSelfMonitoring();
  });

  it("leaves Observatory's own project out of the home's overview", async () => {
    expect(await getDb().series.count({ where: { projectId: SELF_PROJECT_ID } })).toBeGreaterThan(0);
    expect(await getDataOverview(getDb())).toEqual({ projects: [], series: 0, points: 0, from: null, to: null });
    expect(await hasSentData(getDb())).toBe(false);
    // A project's first series (and only its series, not compaction's per-metric totals) counts.
    const project = await createProject(getDb(), 'test', { name: 'Overview check' });
    const series = (dims: string) =>
      getDb().series.create({
        data: {
          projectId: project.id,
          name: 'overview.check',
          kind: 'counter',
          dims,
          key: seriesKey(project.id, 'overview.check', dims),
        },
      });
    const total = await series(TOTAL_DIMS);
    expect(await hasSentData(getDb())).toBe(false);
    const sent = await series(canonicalDims({ region: 'eu' }));
    expect(await hasSentData(getDb())).toBe(true);
    await getDb().series.deleteMany({ where: { id: { in: [total.id, sent.id] } } });
    await getDb().project.delete({ where: { id: project.id } });
  });

  it('gives pages the tracker for the built-in project, once it is built, and admits their origin', async () => {
    expect(await selfSiteId()).toBeNull();
    await startSelfMonitoring({ flushEveryMs: 60_000 });
    const project = await getProject(getDb(), SELF_PROJECT_ID);
    expect(project).toMatchObject({ slug: 'observatory', name: 'Observatory', builtIn: true });
    expect(await selfSiteId()).toBe(project.siteId);
    await admitSelfOrigin('http://127.0.0.1:4321');
    await admitSelfOrigin('http://127.0.0.1:4321');
    expect((await getProject(getDb(), SELF_PROJECT_ID)).allowedOrigins).toEqual(['http://127.0.0.1:4321']);
    await stopSelfMonitoring();
    expect(await selfSiteId()).toBeNull();

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-tracker-'));
    const file = path.join(dir, 'tracker.js');
    expect(trackerBuilt(file, 0)).toBe(false);
    fs.writeFileSync(file, '');
    expect(trackerBuilt(file, 1_000)).toBe(false); // checked again only after a minute
    expect(trackerBuilt(file, 61_001)).toBe(true);
    fs.rmSync(dir, { recursive: true });
  });
});
