import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl, type DbProvider } from '@/lib/db/url';
import type { TestDatabase } from './services';

/** A fresh database (from databaseProviders()), migrated, and a client on it. */
export async function migratedDb(
  fresh: () => TestDatabase,
): Promise<{ database: TestDatabase; db: Db; provider: DbProvider }> {
  const database = fresh();
  const target = parseDatabaseUrl(database.url);
  await migrate(target);
  return { database, db: createDb(target), provider: target.provider };
}
