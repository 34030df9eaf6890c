/**
 * What a server wrote, read straight from its database (SQLite file or PostgreSQL schema), so a
 * test sees the stored truth rather than what the app's own queries report.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import type { TestDatabase } from './services';

async function query<T>(db: TestDatabase, sql: string): Promise<T[]> {
  if (db.provider === 'sqlite') {
    const conn = new Database(db.url.slice('file:'.length), { readonly: true });
    try {
      return conn.prepare(sql).all() as T[];
    } finally {
      conn.close();
    }
  }
  const url = new URL(db.url);
  const schema = url.searchParams.get('schema') ?? 'public';
  url.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`SET search_path TO "${schema}"`);
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

export type IngestRows = { series: number; points: number; rollups: number };

/** Rows in the ingestion tables of the whole database (each test server has its own). */
export async function ingestRows(db: TestDatabase): Promise<IngestRows> {
  const [row] = await query<Record<keyof IngestRows, number | string>>(
    db,
    `SELECT (SELECT COUNT(*) FROM "Series") AS series, (SELECT COUNT(*) FROM "Point") AS points,
            (SELECT COUNT(*) FROM "Rollup") AS rollups`,
  );
  return { series: Number(row!.series), points: Number(row!.points), rollups: Number(row!.rollups) };
}

/** How many times each value of the metric `name` is stored as a raw point. */
export async function storedValueCounts(db: TestDatabase, name: string): Promise<Map<number, number>> {
  if (!/^[a-z.]+$/.test(name)) throw new Error(`not a plain metric name: ${name}`);
  const rows = await query<{ value: number; n: number | string }>(
    db,
    `SELECT p.value AS value, COUNT(*) AS n FROM "Point" p JOIN "Series" s ON s.id = p."seriesId"
     WHERE s.name = '${name}' GROUP BY p.value`,
  );
  return new Map(rows.map((r) => [Number(r.value), Number(r.n)]));
}

/** The tags (canonical JSON) of each series of the metric `name`. */
export async function seriesDims(db: TestDatabase, name: string): Promise<string[]> {
  if (!/^[a-z.]+$/.test(name)) throw new Error(`not a plain metric name: ${name}`);
  const rows = await query<{ dims: string }>(db, `SELECT dims FROM "Series" WHERE name = '${name}' ORDER BY dims`);
  return rows.map((r) => r.dims);
}
