/**
 * Reads for the dashboard's hot path (rollup rows) on the driver under Prisma, as rows of
 * values: Prisma's per-row mapping costs ~14 µs a row, most of a 30-day query. Integers may
 * come back as bigint (SQLite) or strings (PostgreSQL int8): callers convert with Number().
 * Falls back to Prisma for a client made elsewhere.
 */
import { driverOf, type Db } from './client';
import { timeDb } from './db-time';
import type { DbProvider } from './url';

/** `sql` written with `?` placeholders, numbered for PostgreSQL. */
export async function selectRows(db: Db, provider: DbProvider, sql: string, params: unknown[]): Promise<unknown[][]> {
  let n = 0;
  const text = provider === 'postgresql' ? sql.replace(/\?/g, () => `$${++n}`) : sql;
  const driver = driverOf(db);
  if (!driver) {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(text, ...params);
    return rows.map((r) => Object.values(r));
  }
  if (driver.provider === 'sqlite') {
    await db.$connect();
    return driver.run(
      (raw) =>
        raw
          .prepare(text)
          .raw()
          .all(...params) as unknown[][],
    );
  }
  const res = await timeDb(() => driver.pool.query({ text, values: params, rowMode: 'array' }));
  return res.rows as unknown[][];
}
