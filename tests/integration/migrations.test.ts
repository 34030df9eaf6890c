import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from '@/lib/db/client';
import { migrate, migrationStatus } from '@/lib/db/migrate';
import { preflight } from '@/lib/db/preflight';
import { openSchemaEngine, readMigrations } from '@/lib/db/schema-engine';
import { SCHEMA_PATH } from '@/lib/db/schema-files';
import { parseDatabaseUrl, withoutSchema } from '@/lib/db/url';
import { databaseProviders, type TestDatabase } from '../helpers/services';

describe.each(databaseProviders())('migrations on %s', (_name, fresh) => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.drop();
    db = undefined;
  });

  it('has a committed history that matches prisma/schema.prisma exactly', async () => {
    db = fresh();
    const engine = await openSchemaEngine(withoutSchema(parseDatabaseUrl(db.url)));
    try {
      expect(await engine.drift()).toBe('');
    } finally {
      await engine.close();
    }
  });

  it('notices when the schema changes without a migration', async () => {
    db = fresh();
    const changed = fs
      .readFileSync(SCHEMA_PATH, 'utf8')
      .replace('model Project {', 'model Project {\n  archived Boolean @default(false)');
    const engine = await openSchemaEngine(withoutSchema(parseDatabaseUrl(db.url)), { schema: changed });
    try {
      expect(await engine.drift()).toMatch(/archived/);
    } finally {
      await engine.close();
    }
  });

  it('keeps existing projects across the site-id migration', async () => {
    db = fresh();
    const target = parseDatabaseUrl(db.url);
    // A history cut after the first migration: what an installation of the first release has.
    const first = fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-history-'));
    const all = readMigrations(target.provider);
    fs.cpSync(
      path.join(all.baseDir, all.migrationDirectories[0]!.path),
      path.join(first, all.migrationDirectories[0]!.path),
      { recursive: true },
    );
    fs.cpSync(path.join(all.baseDir, 'migration_lock.toml'), path.join(first, 'migration_lock.toml'));
    await preflight(target);
    const old = await openSchemaEngine(target, { migrationsDir: first });
    await old.apply();
    await old.close();

    const raw = createDb(target);
    try {
      await raw.$executeRawUnsafe(
        `INSERT INTO "Project" ("id", "slug", "name", "createdAt", "updatedAt") VALUES ('p1', 'legacy', 'Legacy', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
      );
    } finally {
      await raw.$disconnect();
    }
    expect(await migrate(target)).toEqual(all.migrationDirectories.slice(1).map((d) => d.path));
    const client = createDb(target);
    try {
      expect(await client.project.findUniqueOrThrow({ where: { slug: 'legacy' } })).toMatchObject({
        siteId: 'p1',
        allowedOrigins: '[]',
      });
    } finally {
      await client.$disconnect();
      fs.rmSync(first, { recursive: true, force: true });
    }
  });

  it('migrates an empty database, once, and then serves the models', async () => {
    db = fresh();
    const target = parseDatabaseUrl(db.url);
    const all = readMigrations(target.provider).migrationDirectories.map((d) => d.path);
    expect(all.length).toBeGreaterThan(0);

    expect((await migrationStatus(target)).pending).toEqual(all);
    expect(await migrate(target)).toEqual(all);
    expect(await migrate(target)).toEqual([]);
    expect(await migrationStatus(target)).toEqual({ pending: [], failed: [], edited: [] });

    const client = createDb(target);
    try {
      const created = await client.project.create({
        data: { slug: 'shop-web', name: 'Shop — “web” ✓', siteId: 'site-1' },
      });
      expect(created.createdAt).toBeInstanceOf(Date);
      const found = await client.project.findUniqueOrThrow({ where: { slug: 'shop-web' } });
      expect(found.name).toBe('Shop — “web” ✓');
      await expect(
        client.project.create({ data: { slug: 'shop-web', name: 'again', siteId: 'site-2' } }),
      ).rejects.toThrow(/Unique constraint/);
    } finally {
      await client.$disconnect();
    }
  });
});
