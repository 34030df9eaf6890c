/**
 * The database layer's public face for the app. Only lib/db, lib/queries, lib/ingest and
 * capability stores may use it (enforced by lint); scripts use the files beside it.
 */
import 'server-only';
import { getConfig } from '../config';
import { createDb, type Db } from './client';

export type { Db } from './client';
export { yieldingStatements } from './adapter';
export { backgroundStatements } from './statement-queue';
export type { DbProvider, DbTarget } from './url';

const globalForDb = globalThis as unknown as { observatoryDb?: Db };

/** The process-wide client (kept across hot reloads in development). */
export function getDb(): Db {
  if (!globalForDb.observatoryDb) {
    const config = getConfig();
    globalForDb.observatoryDb = createDb(config.database, { poolSize: config.DATABASE_POOL_SIZE });
  }
  return globalForDb.observatoryDb;
}
