/**
 * Bulk inserts for ingestion's hot path, on the driver under Prisma: on SQLite a transaction of
 * prepared 100-row INSERTs in the bulk-insert thread (lib/db/sqlite-worker.ts; on the serving
 * thread's connection when there is none), in turn with Prisma's statements; on PostgreSQL one
 * statement for all the tables (INSERT … SELECT FROM unnest($1, $2, …) each), whatever the row count.
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
/** A table's rows, flattened row after row: row i is `values[i * columns.length …]`. */
export type BulkRows = { table: string; columns: readonly Column[]; values: ArrayLike<unknown> };

/** Rows per multi-row INSERT on SQLite: a tenth of the statements, each binding 100 × width values. */
const ROWS_PER_INSERT = 100;

const statements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

function prepared(raw: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  let cache = statements.get(raw);
  if (!cache) statements.set(raw, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = raw.prepare(sql)));
  return stmt;
}

const quoted = (columns: readonly Column[]) => columns.map((c) => `"${c.name}"`).join(',');

function insertSql(t: BulkRows, rows: number): string {
  const tuple = `(${t.columns.map(() => '?').join(',')})`;
  return `INSERT INTO "${t.table}" (${quoted(t.columns)}) VALUES ${Array(rows).fill(tuple).join(',')}`;
}

/** Row i of a table's flat values. */
function rowAt(t: BulkRows, i: number): unknown[] {
  const width = t.columns.length;
  return Array.from({ length: width }, (_, c) => t.values[i * width + c]);
}

/** Inserts every table's rows in one transaction: all of them, or none. */
export async function bulkInsert(db: Db, provider: DbProvider, tables: readonly BulkRows[]): Promise<void> {
  const driver = driverOf(db);
  const rowCount = (t: BulkRows) => t.values.length / t.columns.length;
  if (!driver) {
    await db.$transaction(async (tx) => {
      for (const t of tables) {
        const rows = Array.from({ length: rowCount(t) }, (_, i) => rowAt(t, i));
        await insertRows(
          tx,
          provider,
          t.table,
          t.columns.map((c) => c.name),
          rows,
        );
      }
    });
    return;
  }
  if (driver.provider === 'sqlite') {
    await db.$connect();
    const inWorker = driver.inWorker((worker) =>
      timeDb(() =>
        worker.insert(
          tables.map((t) => ({
            sql: { one: insertSql(t, 1), many: insertSql(t, ROWS_PER_INSERT) },
            width: t.columns.length,
            perStatement: ROWS_PER_INSERT,
            values: t.values,
          })),
        ),
      ),
    );
    if (inWorker) return inWorker;
    await driver.run((raw) =>
      raw.transaction(() => {
        for (const t of tables) {
          const stmt = prepared(raw, insertSql(t, 1));
          for (let i = 0; i < rowCount(t); i++) stmt.run(rowAt(t, i));
        }
      })(),
    );
    return;
  }
  // One statement, so one round trip and atomic without BEGIN/COMMIT: every table's INSERT …
  // SELECT FROM unnest(…) but the last in a data-modifying WITH. A flush waits on PostgreSQL
  // once instead of once per table plus twice for the transaction.
  const params: unknown[][] = [];
  const inserts: string[] = [];
  for (const t of tables) {
    const rows = rowCount(t);
    if (rows === 0) continue;
    const width = t.columns.length;
    const unnest = t.columns.map((c, i) => `$${params.length + i + 1}::${c.pgType}[]`).join(',');
    for (let c = 0; c < width; c++) params.push(Array.from({ length: rows }, (_, i) => t.values[i * width + c]));
    inserts.push(`INSERT INTO "${t.table}" (${quoted(t.columns)}) SELECT * FROM unnest(${unnest})`);
  }
  if (inserts.length === 0) return;
  const last = inserts.pop()!;
  const text = inserts.length ? `WITH ${inserts.map((sql, i) => `t${i} AS (${sql})`).join(', ')} ${last}` : last;
  await timeDb(() => driver.pool.query(text, params));
}
