/**
 * Bulk inserts for ingestion's hot path, on the driver under Prisma: a transaction of prepared
 * single-row INSERTs on SQLite's own connection (in turn with Prisma's statements), or one
 * INSERT … SELECT FROM unnest($1, $2, …) per table on PostgreSQL, whatever the row count.
 * Several times faster than multi-row INSERTs through Prisma's raw queries (bench/), which stay
 * the fallback for a client made elsewhere.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { driverOf, type Db } from './client';
import { timeDb } from './db-time';
import type { DbProvider } from './url';
import { insertRows } from './sql';

/** A column and its PostgreSQL type (for the unnest arrays). */
export type Column = { name: string; pgType: 'int4' | 'int8' | 'float8' | 'bytea' | 'text' };
export type BulkRows = { table: string; columns: readonly Column[]; rows: readonly unknown[][] };

const statements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

function prepared(raw: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  let cache = statements.get(raw);
  if (!cache) statements.set(raw, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = raw.prepare(sql)));
  return stmt;
}

const quoted = (columns: readonly Column[]) => columns.map((c) => `"${c.name}"`).join(',');

/** Inserts every table's rows in one transaction: all of them, or none. */
export async function bulkInsert(db: Db, provider: DbProvider, tables: readonly BulkRows[]): Promise<void> {
  const driver = driverOf(db);
  if (!driver) {
    await db.$transaction(async (tx) => {
      for (const t of tables)
        await insertRows(
          tx,
          provider,
          t.table,
          t.columns.map((c) => c.name),
          t.rows,
        );
    });
    return;
  }
  if (driver.provider === 'sqlite') {
    await db.$connect();
    await driver.run((raw) =>
      raw.transaction(() => {
        for (const t of tables) {
          const stmt = prepared(
            raw,
            `INSERT INTO "${t.table}" (${quoted(t.columns)}) VALUES (${t.columns.map(() => '?').join(',')})`,
          );
          for (const row of t.rows) stmt.run(row);
        }
      })(),
    );
    return;
  }
  const { pool } = driver;
  await timeDb(async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      for (const t of tables) {
        if (t.rows.length === 0) continue;
        const arrays = t.columns.map((_, i) => t.rows.map((row) => row[i]));
        const unnest = t.columns.map((c, i) => `$${i + 1}::${c.pgType}[]`).join(',');
        await client.query(`INSERT INTO "${t.table}" (${quoted(t.columns)}) SELECT * FROM unnest(${unnest})`, arrays);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  });
}
