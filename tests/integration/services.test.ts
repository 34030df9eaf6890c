/**
 * Services as records on real databases: created by the writer the first time a stored point
 * names one (request records always do), costing nothing more while known, their last-seen time
 * moved at most once a minute; one row each when two writers race on one database; none for
 * points past the series limit; listed with route counts; deleted (audited) and back when seen
 * again; deleted with their project; and created by the migration for data stored before it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '@/lib/audit/store';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { preflight } from '@/lib/db/preflight';
import { openSchemaEngine, readMigrations } from '@/lib/db/schema-engine';
import { parseDatabaseUrl, type DbProvider } from '@/lib/db/url';
import { fanOut } from '@/lib/ingest/requests';
import type { RequestRecord } from '@/lib/ingest/schema';
import { IngestWriter, type IngestPoint } from '@/lib/ingest/writer';
import { createProject, deleteProject } from '@/lib/projects/store';
import { SERVICE_REFRESH_MS } from '@/lib/rollup';
import { deleteService, listServices } from '@/lib/services/store';
import { rejection } from '../helpers/errors';
import { migratedDb } from '../helpers/db';
import { databaseProviders, type TestDatabase } from '../helpers/services';

const T0 = Date.UTC(2026, 10, 30, 12);

function request(service: string, route: string, method = 'GET', ts = Date.now() - 60_000): RequestRecord {
  return { service, route, method, status: 200, durationMs: 12, ts };
}

const gauge = (tags: Record<string, string>): IngestPoint => ({
  name: 'process.cpu.utilization',
  kind: 'gauge',
  unit: '%',
  tags,
  ts: Date.now() - 60_000,
  value: 40,
});

async function servicesOf(db: Db, projectId: string) {
  const rows = await db.service.findMany({ where: { projectId }, orderBy: { name: 'asc' } });
  return rows.map((r) => ({ name: r.name, firstSeenAt: Number(r.firstSeenAt), lastSeenAt: Number(r.lastSeenAt) }));
}

describe.each(databaseProviders())('services on %s', (_name, fresh) => {
  let database: TestDatabase;
  let db: Db;
  let provider: DbProvider;
  beforeAll(async () => {
    ({ database, db, provider } = await migratedDb(fresh));
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it('creates a service when a point first names it, then costs nothing until a minute has passed', async () => {
    const project = (await createProject(db, 'test', { name: 'First seen' })).id;
    let now = T0;
    const writer = new IngestWriter(db, provider, { clock: () => now });
    await writer.submit(project, fanOut([request('shop-api', '/orders/[id]'), request('payments', '/charge', 'POST')]));
    // A gauge tagged with a service names it too; points without the tag name none.
    await writer.submit(project, [gauge({ service: 'worker', host: 'w1' }), gauge({ host: 'w2' })]);
    expect(await servicesOf(db, project)).toEqual([
      { name: 'payments', firstSeenAt: T0, lastSeenAt: T0 },
      { name: 'shop-api', firstSeenAt: T0, lastSeenAt: T0 },
      { name: 'worker', firstSeenAt: T0, lastSeenAt: T0 },
    ]);

    // Known services, new routes and all: no statement for services at all.
    const upserts = writer.serviceUpserts;
    now = T0 + SERVICE_REFRESH_MS - 1;
    await writer.submit(project, fanOut([request('shop-api', '/orders'), request('payments', '/refund', 'POST')]));
    expect(writer.serviceUpserts).toBe(upserts);
    expect((await servicesOf(db, project)).every((s) => s.lastSeenAt === T0)).toBe(true);

    // A minute on: the next flush writes last-seen once for what it names; first-seen stays.
    now = T0 + SERVICE_REFRESH_MS;
    await writer.submit(project, fanOut([request('shop-api', '/orders'), request('shop-api', '/cart')]));
    expect(writer.serviceUpserts).toBe(upserts + 1);
    expect(await servicesOf(db, project)).toEqual([
      { name: 'payments', firstSeenAt: T0, lastSeenAt: T0 },
      { name: 'shop-api', firstSeenAt: T0, lastSeenAt: T0 + SERVICE_REFRESH_MS },
      { name: 'worker', firstSeenAt: T0, lastSeenAt: T0 },
    ]);
  });

  it('keeps one row per service when two writers race on one database, and never moves last-seen back', async () => {
    const project = (await createProject(db, 'test', { name: 'Race' })).id;
    const names = Array.from({ length: 40 }, (_, i) => `svc-${String(i).padStart(2, '0')}`);
    const a = new IngestWriter(db, provider, { clock: () => T0 + 5_000 });
    const b = new IngestWriter(db, provider, { clock: () => T0 });
    // The same new services, in opposite orders, at once (and twice each).
    await Promise.all([
      a.submit(project, fanOut(names.map((n) => request(n, '/a')))),
      b.submit(project, fanOut([...names].reverse().map((n) => request(n, '/a')))),
      a.submit(project, fanOut(names.map((n) => request(n, '/b')))),
      b.submit(project, fanOut(names.map((n) => request(n, '/b')))),
    ]);
    const stored = await servicesOf(db, project);
    expect(stored.map((s) => s.name)).toEqual(names);
    // Whichever wrote last, the later of the two clocks is kept.
    expect(stored.every((s) => s.lastSeenAt === T0 + 5_000)).toBe(true);
    expect(stored.every((s) => s.firstSeenAt === T0 || s.firstSeenAt === T0 + 5_000)).toBe(true);
  });

  it('records no service for points sent past the series limit', async () => {
    const project = (await createProject(db, 'test', { name: 'Limited' })).id;
    const writer = new IngestWriter(db, provider, { seriesLimit: 2 });
    await writer.submit(project, [gauge({ service: 'kept' }), gauge({ service: 'also-kept' })]);
    await writer.submit(project, [gauge({ service: 'past-the-limit' })]);
    expect((await servicesOf(db, project)).map((s) => s.name)).toEqual(['also-kept', 'kept']);
    expect(writer.overflowed.get(project)).toBe(1);
  });

  it('lists services by name with their route counts, and only the project’s own', async () => {
    const project = (await createProject(db, 'test', { name: 'Listed' })).id;
    const other = (await createProject(db, 'test', { name: 'Other listed' })).id;
    const writer = new IngestWriter(db, provider, { clock: () => T0 });
    await writer.submit(
      project,
      fanOut([
        request('web', '/'),
        request('api', '/orders/[id]'),
        request('api', '/orders/[id]', 'DELETE'),
        request('api', '/orders', 'POST'),
        { ...request('api', '/orders', 'POST'), status: 503 },
      ]),
    );
    await writer.submit(project, [gauge({ service: 'batch' })]);
    await writer.submit(other, fanOut([request('elsewhere', '/x')]));
    const listed = await listServices(db, project);
    expect(listed.map(({ name, routes }) => ({ name, routes }))).toEqual([
      { name: 'api', routes: 2 },
      { name: 'batch', routes: 0 },
      { name: 'web', routes: 1 },
    ]);
    expect(listed[0]!.firstSeenAt).toEqual(new Date(T0));
    expect(listed[0]!.lastSeenAt).toEqual(new Date(T0));
    expect(JSON.parse(JSON.stringify(listed[0]))).toMatchObject({ firstSeenAt: new Date(T0).toISOString() });
  });

  it('deletes a service with an audit entry, refuses another project’s, and brings it back when seen again', async () => {
    const project = (await createProject(db, 'test', { name: 'Deleting' })).id;
    const other = (await createProject(db, 'test', { name: 'Not deleting' })).id;
    let now = T0;
    const writer = new IngestWriter(db, provider, { clock: () => now });
    await writer.submit(project, fanOut([request('retired', '/old'), request('live', '/new')]));
    const [live, retired] = await listServices(db, project);

    expect((await rejection(deleteService(db, 'user:a@x', other, String(retired!.id)))).status).toBe(404);
    for (const bad of ['0', '-1', '1.5', 'abc', '99999999999999999999'])
      expect((await rejection(deleteService(db, 'user:a@x', project, bad))).status).toBe(404);
    expect((await listServices(db, project)).length).toBe(2);

    await deleteService(db, 'user:a@x', project, String(retired!.id));
    expect((await listServices(db, project)).map((s) => s.name)).toEqual([live!.name]);
    expect((await rejection(deleteService(db, 'user:a@x', project, String(retired!.id)))).status).toBe(404);
    const [entry] = await listAudit(db, { projectId: project });
    expect(entry).toMatchObject({
      actor: 'user:a@x',
      action: 'service.delete',
      target: `service:${retired!.id}`,
      details: { name: 'retired' },
    });
    // The data stays, and the service returns (a new record) once it sends again after the minute.
    expect(await db.series.count({ where: { projectId: project, dims: { contains: '"retired"' } } })).toBeGreaterThan(
      0,
    );
    now = T0 + SERVICE_REFRESH_MS;
    await writer.submit(project, fanOut([request('retired', '/old')]));
    const back = (await listServices(db, project)).find((s) => s.name === 'retired');
    expect(back).toMatchObject({ firstSeenAt: new Date(now), routes: 1 });
    expect(back!.id).not.toBe(retired!.id);
  });

  it('deletes a project’s services with the project', async () => {
    const project = await createProject(db, 'test', { name: 'Doomed' });
    const kept = (await createProject(db, 'test', { name: 'Kept' })).id;
    const writer = new IngestWriter(db, provider);
    await writer.submit(project.id, fanOut([request('doomed-api', '/x')]));
    await writer.submit(kept, fanOut([request('kept-api', '/x')]));
    expect(await db.service.count({ where: { projectId: project.id } })).toBe(1);
    await deleteProject(db, 'test', project.slug);
    expect(await db.service.count({ where: { projectId: project.id } })).toBe(0);
    expect((await servicesOf(db, kept)).map((s) => s.name)).toEqual(['kept-api']);
  });
});

describe.each(databaseProviders())('the services migration on %s', (_name, fresh) => {
  let database: TestDatabase | undefined;
  afterAll(async () => database?.drop());

  it('creates the services of the series stored before it', async () => {
    database = fresh();
    const target = parseDatabaseUrl(database.url);
    const all = readMigrations(target.provider);
    const cut = all.migrationDirectories.findIndex((d) => d.path.endsWith('_services_goals'));
    expect(cut).toBeGreaterThan(0);
    const before = fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-history-'));
    for (const d of all.migrationDirectories.slice(0, cut))
      fs.cpSync(path.join(all.baseDir, d.path), path.join(before, d.path), { recursive: true });
    fs.cpSync(path.join(all.baseDir, 'migration_lock.toml'), path.join(before, 'migration_lock.toml'));
    await preflight(target);
    const old = await openSchemaEngine(target, { migrationsDir: before });
    await old.apply();
    await old.close();
    fs.rmSync(before, { recursive: true, force: true });

    const legacy = createDb(target);
    let project: string;
    let other: string;
    try {
      project = (await createProject(legacy, 'test', { name: 'Legacy' })).id;
      other = (await createProject(legacy, 'test', { name: 'Legacy other' })).id;
      const series = [
        [project, '{"method":"GET","route":"/a","service":"shop-api"}', '2026-11-01 10:00:00'],
        [project, '{"method":"GET","route":"/b","service":"shop-api"}', '2026-11-03 08:30:00'],
        [project, '{"host":"w1","service":"worker"}', '2026-11-02 00:00:00'],
        [project, '{"host":"w2"}', '2026-11-02 00:00:00'],
        [project, '{"*":"total"}', '2026-11-02 00:00:00'],
        [project, '{"overflow":"true"}', '2026-11-02 00:00:00'],
        [other, '{"service":"shop-api"}', '2026-11-05 00:00:00'],
      ];
      const p = target.provider === 'postgresql' ? (n: number) => `$${n}` : () => '?';
      for (const [i, [projectId, dims, createdAt]] of series.entries()) {
        await legacy.$executeRawUnsafe(
          `INSERT INTO "Series" ("projectId", "name", "kind", "dims", "key", "createdAt") VALUES (${p(1)}, 'm', 'gauge', ${p(2)}, ${p(3)}, '${createdAt}')`,
          projectId,
          dims,
          `key-${i}`,
        );
      }
    } finally {
      // SQLite: the migration needs the file to itself.
      await legacy.$disconnect();
    }
    await migrate(target);
    const client = createDb(target);
    try {
      const rows = await client.service.findMany();
      const seen = (d: string) => Date.parse(`${d.replace(' ', 'T')}Z`);
      expect(rows.map((r) => [r.projectId, r.name, Number(r.firstSeenAt), Number(r.lastSeenAt)]).sort()).toEqual(
        [
          [project, 'shop-api', seen('2026-11-01 10:00:00'), seen('2026-11-03 08:30:00')],
          [project, 'worker', seen('2026-11-02 00:00:00'), seen('2026-11-02 00:00:00')],
          [other, 'shop-api', seen('2026-11-05 00:00:00'), seen('2026-11-05 00:00:00')],
        ].sort(),
      );
    } finally {
      await client.$disconnect();
    }
  });
});
