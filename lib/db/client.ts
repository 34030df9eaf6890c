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

/**
 * What createDb knows about a client, kept on the client under registry symbols rather than in
 * module-level maps: the server's bundler may load this module more than once (one copy per
 * route bundle), and a client made through one copy must be known to all of them.
 */
const DRIVER = Symbol.for('observatory.db.driver');
const PROVIDER = Symbol.for('observatory.db.provider');
type Tagged = { [DRIVER]?: Driver; [PROVIDER]?: DbTarget['provider'] };

/** A Prisma client for a database target, through its driver adapter. */
export function createDb(target: DbTarget, options: AdapterOptions = {}): Db {
  const adapter = createAdapterFactory(target, { serialize: true, ...options });
  const db =
    target.provider === 'sqlite' ? new SqliteClient({ adapter }) : (new PostgresClient({ adapter }) as unknown as Db);
  Object.defineProperty(db, DRIVER, { value: adapter.driver });
  Object.defineProperty(db, PROVIDER, { value: target.provider });
  return db;
}

/** The database kind of a client made by createDb (SQLite when unknown). */
export function providerOf(db: Db): DbTarget['provider'] {
  return (db as Tagged)[PROVIDER] ?? 'sqlite';
}

/** The driver under a client made by createDb (lib/db/bulk.ts). */
export function driverOf(db: Db): Driver | undefined {
  return (db as Tagged)[DRIVER];
}
