import { createAdapterFactory, type AdapterOptions } from './adapter';
import { PrismaClient as PostgresClient } from './generated/postgresql/client';
import { PrismaClient as SqliteClient, type Prisma } from './generated/sqlite/client';
import type { DbTarget } from './url';

/**
 * The Prisma client type the code base programs against. Both generated clients come from
 * the same models, so the PostgreSQL one offers the same API; SQLite's is the reference.
 */
export type Db = SqliteClient;

/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Prisma.TransactionClient;

/** A Prisma client for a database target, through its driver adapter. */
export function createDb(target: DbTarget, options: AdapterOptions = {}): Db {
  const adapter = createAdapterFactory(target, { serialize: true, ...options });
  if (target.provider === 'sqlite') return new SqliteClient({ adapter });
  return new PostgresClient({ adapter }) as unknown as Db;
}
