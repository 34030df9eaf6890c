import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '@/lib/audit/store';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl } from '@/lib/db/url';
import { hashKey } from '@/lib/projects/keys';
import {
  createKey,
  createProject,
  deleteProject,
  getProject,
  listKeys,
  listProjects,
  revokeKey,
  updateProject,
  verifyKey,
} from '@/lib/projects/store';
import { rejection } from '../helpers/errors';
import { databaseProviders, type TestDatabase } from '../helpers/services';

describe.each(databaseProviders())('projects and keys on %s', (_name, fresh) => {
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

  it('creates a project with a derived slug, a site id and normalised origins', async () => {
    const project = await createProject(db, 'cli', {
      name: '  Café Shop — Web ',
      allowedOrigins: ['https://shop.example/', 'http://localhost:3000'],
    });
    expect(project).toMatchObject({
      name: 'Café Shop — Web',
      slug: 'cafe-shop-web',
      allowedOrigins: ['https://shop.example', 'http://localhost:3000'],
    });
    expect(project.siteId).toMatch(/^[0-9A-Za-z]{12}$/);
    expect((await listProjects(db)).map((p) => p.slug)).toContain('cafe-shop-web');
    expect((await getProject(db, project.id)).slug).toBe('cafe-shop-web');
  });

  it('refuses a duplicate slug with 409 and stores nothing', async () => {
    const before = (await listProjects(db)).length;
    const err = await rejection(createProject(db, 'cli', { name: 'Other', slug: 'cafe-shop-web' }));
    expect(err.status).toBe(409);
    expect((await listProjects(db)).length).toBe(before);
  });

  it.each([
    [{ name: '' }, /name: project name must not be empty/],
    [{ name: 'x'.repeat(101) }, /at most 100 characters/],
    [{ name: 'bell\u0007' }, /control characters/],
    [{ name: 'rtl\u202Eevil' }, /control characters/],
    [{ name: 'ok', slug: 'Bad Slug' }, /slug may contain lowercase letters/],
    [{ name: 'ok', slug: 'x\'; DROP TABLE "Project";--' }, /slug may contain/],
    [{ name: 'ok', allowedOrigins: ['javascript:alert(1)'] }, /origin must look like/],
    [{ name: 'ok', allowedOrigins: ['https://a.example/path'] }, /origin must look like/],
    [{ name: 'ok', allowedOrigins: Array.from({ length: 51 }, (_, i) => `https://s${i}.example`) }, /at most 50/],
  ])('rejects %j with 422 naming the field', async (input, message) => {
    const err = await rejection(createProject(db, 'cli', input));
    expect(err.status).toBe(422);
    expect(err.message).toMatch(message);
  });

  it('accepts unicode names and renames, with an audit trail', async () => {
    const project = await createProject(db, 'cli', { name: '監視 🚀', slug: 'kanshi' });
    const renamed = await updateProject(db, 'user:u1', 'kanshi', { name: 'Kanshi' });
    expect(renamed.name).toBe('Kanshi');
    const events = await listAudit(db, { projectId: project.id });
    expect(events.map((e) => [e.actor, e.action])).toEqual([
      ['user:u1', 'project.update'],
      ['cli', 'project.create'],
    ]);
  });

  it('issues keys shown once, stores only their hash, and verifies them', async () => {
    const { key, record } = await createKey(db, 'cli', { project: 'cafe-shop-web', kind: 'ingest', name: 'api' });
    expect(key).toMatch(/^obs_ing_[0-9A-Za-z]{32}$/);
    expect(key.startsWith(record.prefix)).toBe(true);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: record.id } });
    expect(row.hash).toBe(hashKey(key));
    expect(JSON.stringify(row)).not.toContain(key);
    expect(JSON.stringify(await listKeys(db, 'cafe-shop-web'))).not.toContain(key);
    const audit = await listAudit(db);
    expect(JSON.stringify(audit)).not.toContain(key);

    const verified = await verifyKey(db, key, 'ingest');
    expect(verified?.key.id).toBe(record.id);
    expect(verified?.key.lastUsedAt).toBeInstanceOf(Date);
    expect(await verifyKey(db, key, 'admin')).toBeNull();
  });

  it('refuses unknown, malformed and hostile keys without a lookup error', async () => {
    for (const presented of [
      '',
      'obs_ing_',
      'obs_ing_' + 'A'.repeat(32),
      'x'.repeat(100_000),
      "obs_ing_' OR 1=1 --",
      'obs_ing_ÄÖÜ',
    ]) {
      expect(await verifyKey(db, presented, 'ingest')).toBeNull();
    }
  });

  it('refuses a revoked key at once', async () => {
    const { key, record } = await createKey(db, 'cli', { project: 'cafe-shop-web', kind: 'ingest', name: 'temp' });
    expect(await verifyKey(db, key, 'ingest')).not.toBeNull();
    await revokeKey(db, 'cli', record.id);
    expect(await verifyKey(db, key, 'ingest')).toBeNull();
    expect((await listKeys(db, 'cafe-shop-web')).find((k) => k.id === record.id)?.revokedAt).toBeInstanceOf(Date);
  });

  it('gives admin keys scopes, read-only by default, and none to ingest keys', async () => {
    expect((await createKey(db, 'cli', { project: 'cafe-shop-web', kind: 'admin', name: 'ro' })).record.scopes).toEqual(
      ['performance:read'],
    );
    const rw = await createKey(db, 'cli', {
      project: 'cafe-shop-web',
      kind: 'admin',
      name: 'rw',
      scopes: ['performance:read', 'performance:write'],
    });
    expect(rw.record.scopes).toEqual(['performance:read', 'performance:write']);
    expect(
      (
        await rejection(
          createKey(db, 'cli', { project: 'cafe-shop-web', kind: 'ingest', name: 'x', scopes: ['performance:read'] }),
        )
      ).status,
    ).toBe(422);
    expect(
      (await rejection(createKey(db, 'cli', { project: 'cafe-shop-web', kind: 'admin', name: 'x', scopes: ['root'] })))
        .status,
    ).toBe(422);
    expect((await rejection(createKey(db, 'cli', { project: 'nope', kind: 'admin', name: 'x' }))).status).toBe(404);
  });

  it('deletes a project with its keys', async () => {
    const project = await createProject(db, 'cli', { name: 'Doomed' });
    const { key } = await createKey(db, 'cli', { project: project.slug, kind: 'ingest', name: 'k' });
    await deleteProject(db, 'cli', project.slug);
    expect(await verifyKey(db, key, 'ingest')).toBeNull();
    expect((await rejection(getProject(db, project.slug))).status).toBe(404);
  });
});
