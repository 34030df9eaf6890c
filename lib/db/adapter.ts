import { AsyncLocalStorage } from 'node:async_hooks';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  Transaction,
} from '@prisma/driver-adapter-utils';
import type { Pool, PoolConfig } from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';
import { timeDb } from './db-time';
import { startSqliteWorker, WAL_LIMIT_BYTES, type SqliteWorker } from './sqlite-worker';
import { StatementQueue } from './statement-queue';
import type { DbTarget } from './url';

export type AdapterOptions = {
  /** Maximum PostgreSQL pool size (ignored on SQLite). */
  poolSize?: number;
  /** How long a PostgreSQL connection attempt may take. */
  connectTimeoutMs?: number;
  /**
   * SQLite: queue standalone statements behind open transactions (the app's client). The
   * migration engine runs statements beside its own transactions and must not wait on them.
   */
  serialize?: boolean;
};

type PgTarget = Extract<DbTarget, { provider: 'postgresql' }>;

/**
 * The pg pool settings for a target. The URL is parsed into fields rather than passed as
 * `connectionString`, because pg lets a connection string override every other field, which
 * would stop the migration engine's shadow database from selecting its own `database`.
 * Prisma's `?schema=` becomes the session's search_path, so raw SQL sees the same tables.
 */
export function pgPoolConfig(target: PgTarget, options: AdapterOptions = {}): PoolConfig {
  const u = new URL(target.url);
  u.searchParams.delete('schema');
  const config = parseIntoClientConfig(u.toString());
  const searchPath = target.schema ? `-c search_path="${target.schema}"` : undefined;
  return {
    ...config,
    options: [config.options, searchPath].filter(Boolean).join(' ') || undefined,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
  };
}

/**
 * The driver under Prisma, for the one path that must not go through it (bulk inserts of
 * ingestion, lib/db/bulk.ts): SQLite's connection, taken in turn with every other statement; or
 * the PostgreSQL pool Prisma itself uses.
 */
export type Driver =
  | {
      provider: 'sqlite';
      run<T>(fn: (raw: BetterSqlite3.Database) => T): Promise<T>;
      /**
       * The bulk-insert thread (lib/db/sqlite-worker.ts) and the statement queue held while it
       * writes, so no statement of this connection runs beside its transaction; null when no
       * thread can be had (then `run` does the inserts).
       */
      inWorker<T>(fn: (worker: SqliteWorker) => Promise<T>): Promise<T> | null;
      /** Statements and transactions waiting for the connection (self-monitoring). */
      queued(): number;
    }
  | { provider: 'postgresql'; pool: Pool };

export type AdapterFactory = SqlMigrationAwareDriverAdapterFactory & { driver?: Driver };

/** The Prisma driver adapter for a database target. */
export function createAdapterFactory(target: DbTarget, options: AdapterOptions = {}): AdapterFactory {
  if (target.provider === 'sqlite') {
    const factory = new PrismaBetterSqlite3({ url: target.file, timeout: SQLITE_BUSY_TIMEOUT_MS });
    return options.serialize ? serializedSqlite(factory, target.file) : factory;
  }
  const pool = new pg.Pool(pgPoolConfig(target, options));
  const inner = new PrismaPg(pool, {
    ...(target.schema ? { schema: target.schema } : {}),
    disposeExternalPool: true,
  });
  const factory: AdapterFactory = delegate(inner, {
    connect: async () => timed(await inner.connect()),
  } as Partial<PrismaPg>);
  factory.driver = { provider: 'postgresql', pool };
  return factory;
}

/**
 * Every statement a client runs, timed against the request it runs for (db-time.ts): plain
 * queries, and those inside transactions, from the moment they are asked for (on SQLite that
 * includes waiting for the connection).
 */
function timed(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return delegate(adapter, {
    queryRaw: (q) => timeDb(() => adapter.queryRaw(q)),
    executeRaw: (q) => timeDb(() => adapter.executeRaw(q)),
    executeScript: (script) => timeDb(() => adapter.executeScript(script)),
    startTransaction: (isolationLevel) =>
      timeDb(() => adapter.startTransaction(isolationLevel)).then((tx) =>
        delegate(tx, {
          queryRaw: (q) => timeDb(() => tx.queryRaw(q)),
          executeRaw: (q) => timeDb(() => tx.executeRaw(q)),
          commit: () => timeDb(() => tx.commit()),
          rollback: () => timeDb(() => tx.rollback()),
        }),
      ),
  });
}

/** How long a SQLite statement waits for another connection's write lock (both connections). */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/**
 * The SQLite adapter runs every statement on one connection, and only transactions wait for each
 * other: a statement issued while another caller's transaction is open runs inside it, and is
 * rolled back with it. (A series row created by the writer would vanish with a failed
 * compaction while the writer's cache still points at it.) Here every statement and every
 * transaction takes one queue, so a transaction owns the connection until it ends; requests go
 * before background work (lib/db/statement-queue.ts).
 */
function serializedSqlite(inner: PrismaBetterSqlite3, file: string): AdapterFactory {
  let connected: Serialized | null = null;
  let worker: SqliteWorker | null | undefined;
  const rawOf = (s: Serialized) => {
    const raw = (s.inner as unknown as { client?: BetterSqlite3.Database }).client;
    if (!raw) throw new Error('the SQLite adapter does not expose its connection');
    return raw;
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const serialized = serialize(await inner.connect(), async () => {
        const closing = worker;
        worker = undefined;
        await closing?.close();
      });
      // Checkpoints run on the bulk-insert thread's connection, after its commits, not on the
      // serving thread. Without that thread, SQLite's default (every 1,000 pages) stays.
      worker = startSqliteWorker(file, SQLITE_BUSY_TIMEOUT_MS);
      if (worker) {
        rawOf(serialized).pragma('wal_autocheckpoint = 0');
        rawOf(serialized).pragma(`journal_size_limit = ${WAL_LIMIT_BYTES}`);
      }
      connected = serialized;
      return timed(serialized.adapter);
    },
    connectToShadowDb: async () => serialize(await inner.connectToShadowDb()).adapter,
    driver: {
      provider: 'sqlite',
      run: async (fn) => {
        if (!connected) throw new Error('the database is not connected yet');
        const raw = rawOf(connected);
        const connection = connected;
        return timeDb(async () => {
          const release = await connection.acquire();
          try {
            return fn(raw);
          } finally {
            release();
          }
        });
      },
      queued: () => connected?.waiting() ?? 0,
      inWorker: (fn) => {
        if (!connected || !worker) return null;
        let current = worker;
        if (!current.alive()) {
          // The thread died, failing the jobs in flight. One that had worked gets a successor; one
          // that never did (it cannot open the file, say) is given up: the serving thread inserts.
          const successor = current.worked() ? startSqliteWorker(file, SQLITE_BUSY_TIMEOUT_MS) : null;
          worker = successor;
          if (!successor) {
            rawOf(connected).pragma('wal_autocheckpoint = 1000');
            return null;
          }
          current = successor;
        }
        const queue = connected;
        return (async () => {
          const release = await queue.acquire();
          try {
            return await fn(current);
          } finally {
            release();
          }
        })();
      },
    },
  };
}

type Serialized = {
  adapter: SqlDriverAdapter;
  inner: SqlDriverAdapter;
  acquire: () => Promise<() => void>;
  /** Callers waiting for the connection. */
  waiting: () => number;
};

/**
 * A turn of the event loop. better-sqlite3 runs each statement synchronously, and a chain of them
 * (a view's dozens of reads) otherwise resolves promise after promise without ever letting a
 * timer or a socket through: a page that sends its header first and streams the numbers later
 * sent nothing until the last read was done.
 */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

const YIELDING = Symbol.for('observatory.yieldingStatements');
const registry = globalThis as unknown as Record<typeof YIELDING, AsyncLocalStorage<true> | undefined>;
const yielding: AsyncLocalStorage<true> = (registry[YIELDING] ??= new AsyncLocalStorage<true>());

/**
 * Runs `fn` with each of its SQLite statements first waiting a turn of the event loop, so what a
 * streamed page has rendered so far goes out while its data is read (no effect on PostgreSQL,
 * whose driver waits on the network anyway). Only there: a turn also lets queued work (a
 * compaction transaction) in between the statements of one read, which every read would pay.
 */
export function yieldingStatements<T>(fn: () => Promise<T>): Promise<T> {
  return yielding.run(true, fn);
}

function serialize(adapter: SqlDriverAdapter, onDispose?: () => Promise<void>): Serialized {
  const queue = new StatementQueue();
  const acquire = async (): Promise<() => void> => {
    if (yielding.getStore()) await turn();
    return queue.acquire();
  };
  const exclusive =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const release = await acquire();
      try {
        return await fn(...args);
      } finally {
        release();
      }
    };
  const overrides: Partial<SqlDriverAdapter> = {
    queryRaw: exclusive((q) => adapter.queryRaw(q)),
    executeRaw: exclusive((q) => adapter.executeRaw(q)),
    executeScript: exclusive((script) => adapter.executeScript(script)),
    startTransaction: async (isolationLevel) => {
      const release = await acquire();
      try {
        return releasing(await adapter.startTransaction(isolationLevel), release);
      } catch (err) {
        release();
        throw err;
      }
    },
    dispose: async () => {
      await onDispose?.();
      await adapter.dispose();
    },
  };
  return { adapter: delegate(adapter, overrides), inner: adapter, acquire, waiting: () => queue.waiting() };
}

/** The transaction, releasing the queue once it commits or rolls back. */
function releasing(tx: Transaction, release: () => void): Transaction {
  let open = true;
  const end = (fn: () => Promise<void>) => async () => {
    try {
      await fn();
    } finally {
      if (open) release();
      open = false;
    }
  };
  return delegate(tx, { commit: end(() => tx.commit()), rollback: end(() => tx.rollback()) });
}

/** `target` with some methods replaced; the rest called on the target itself (it has private fields). */
function delegate<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(obj, prop) {
      if (Object.prototype.hasOwnProperty.call(overrides, prop)) return overrides[prop as keyof T];
      const value: unknown = Reflect.get(obj, prop, obj);
      return typeof value === 'function' ? value.bind(obj) : value;
    },
  });
}
