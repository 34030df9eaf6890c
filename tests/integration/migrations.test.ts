import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from '@/lib/db/client';
import { migrate, migrationStatus } from '@/lib/db/migrate';
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
      const created = await client.project.create({ data: { slug: 'shop-web', name: 'Shop — “web” ✓' } });
      expect(created.createdAt).toBeInstanceOf(Date);
      const found = await client.project.findUniqueOrThrow({ where: { slug: 'shop-web' } });
      expect(found.name).toBe('Shop — “web” ✓');
      await expect(client.project.create({ data: { slug: 'shop-web', name: 'again' } })).rejects.toThrow(
        /Unique constraint/,
      );
    } finally {
      await client.$disconnect();
    }
  });
});
