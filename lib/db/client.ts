import { createAdapterFactory, type AdapterOptions, type Driver } from './adapter';
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

const drivers = new WeakMap<Db, Driver>();

/** A Prisma client for a database target, through its driver adapter. */
export function createDb(target: DbTarget, options: AdapterOptions = {}): Db {
  const adapter = createAdapterFactory(target, { serialize: true, ...options });
  const db =
    target.provider === 'sqlite' ? new SqliteClient({ adapter }) : (new PostgresClient({ adapter }) as unknown as Db);
  if (adapter.driver) drivers.set(db, adapter.driver);
  providers.set(db, target.provider);
  return db;
}

const providers = new WeakMap<Db, DbTarget['provider']>();

/** The database kind of a client made by createDb (SQLite when unknown). */
export function providerOf(db: Db): DbTarget['provider'] {
  return providers.get(db) ?? 'sqlite';
}

/** The driver under a client made by createDb (lib/db/bulk.ts). */
export function driverOf(db: Db): Driver | undefined {
  return drivers.get(db);
}
