/**
 * Time a request spends in the database, for self-monitoring's RED series.
 *
 * route() runs each handler inside `measureDbTime`, which puts a small mutable record in an
 * AsyncLocalStorage; every place that hands a statement to a driver (the Prisma adapters in
 * adapter.ts, SQLite's raw connection, bulk.ts and select.ts on PostgreSQL) wraps the call in
 * `timeDb`. The record counts wall time while at least one call is in flight (the union of the
 * intervals, so statements a handler runs in parallel are not counted twice) and the number of
 * calls. Outside a request (jobs, the CLI, tests) there is no record and `timeDb` only pays one
 * `getStore()`: a property read on the current async context, no allocation. Inside, it costs
 * two performance.now() calls per statement.
 *
 * Route handlers and the database client may be bundled into different module copies (Next.js
 * builds routes separately), so the storage lives on globalThis under a registered symbol.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type DbTime = {
  /** Milliseconds with at least one database call in flight. */
  ms: number;
  /** Database calls made. */
  calls: number;
  /** Calls in flight now, and since when (performance.now()) the count has been above zero. */
  active: number;
  since: number;
};

const KEY = Symbol.for('observatory.dbTime');
const registry = globalThis as unknown as Record<typeof KEY, AsyncLocalStorage<DbTime> | undefined>;
const storage: AsyncLocalStorage<DbTime> = (registry[KEY] ??= new AsyncLocalStorage<DbTime>());

/** Runs `fn` with a fresh DB-time record, handed to `fn` so its caller can read it afterwards. */
export function measureDbTime<T>(fn: (time: DbTime) => T): T {
  const time: DbTime = { ms: 0, calls: 0, active: 0, since: 0 };
  return storage.run(time, fn, time);
}

/** The record of the request this code runs for, if any. */
export function currentDbTime(): DbTime | undefined {
  return storage.getStore();
}

function begin(time: DbTime): void {
  time.calls += 1;
  if (time.active++ === 0) time.since = performance.now();
}

function end(time: DbTime): void {
  if (--time.active === 0) time.ms += performance.now() - time.since;
}

/** Runs one database call, counting its time against the current request (if any). */
export function timeDb<T>(call: () => Promise<T>): Promise<T> {
  const time = storage.getStore();
  if (!time) return call();
  begin(time);
  let result: Promise<T>;
  try {
    result = call();
  } catch (err) {
    end(time);
    throw err;
  }
  return result.finally(() => end(time));
}
