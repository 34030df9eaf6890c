/**
 * Baseline (b) of the HTTP ingestion benchmark, for context: the fastest way each driver puts
 * the same number of rows into a table shaped like "Point" (id, seriesId, ts, value and the
 * (seriesId, ts) index), with no HTTP, validation, series lookup or rollups. SQLite: one
 * prepared INSERT per row in one transaction (better-sqlite3, WAL). PostgreSQL: 1,000-row
 * multi-VALUES INSERTs in one transaction (pg).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { measure } from './harness';
import { BATCH, CLIENTS } from './ingest-load';

const ROWS = CLIENTS * BATCH;
const SERIES = 100;

/** Rows written per second, measured over `ms`. */
export async function rawSqliteRowsPerSec(ms: number): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-bench-raw-'));
  const db = new Database(path.join(dir, 'raw.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE raw_point (id INTEGER PRIMARY KEY, seriesId INTEGER NOT NULL, ts INTEGER NOT NULL, value REAL NOT NULL);
      CREATE INDEX raw_point_series_ts ON raw_point (seriesId, ts);`);
    const insert = db.prepare('INSERT INTO raw_point (seriesId, ts, value) VALUES (?, ?, ?)');
    const insertAll = db.transaction((now: number) => {
      for (let i = 0; i < ROWS; i++) insert.run(i % SERIES, now - (i % 1_000), 20 + (i % 300));
    });
    const m = await measure(async () => insertAll(Date.now()), { ms });
    return m.opsPerSec * ROWS;
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function rawPostgresRowsPerSec(serverUrl: string, ms: number): Promise<number> {
  const schema = `bench_raw_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA "${schema}"`);
    await client.query(`CREATE TABLE "${schema}".raw_point (id BIGSERIAL PRIMARY KEY, "seriesId" INTEGER NOT NULL,
      ts BIGINT NOT NULL, value DOUBLE PRECISION NOT NULL)`);
    await client.query(`CREATE INDEX ON "${schema}".raw_point ("seriesId", ts)`);
    const placeholders = Array.from({ length: BATCH }, (_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`);
    const sql = `INSERT INTO "${schema}".raw_point ("seriesId", ts, value) VALUES ${placeholders.join(', ')}`;
    const m = await measure(
      async () => {
        const now = Date.now();
        await client.query('BEGIN');
        for (let c = 0; c < CLIENTS; c++) {
          const params: number[] = [];
          for (let i = 0; i < BATCH; i++) params.push(i % SERIES, now - i, 20 + (i % 300));
          await client.query(sql, params);
        }
        await client.query('COMMIT');
      },
      { ms },
    );
    return m.opsPerSec * ROWS;
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
    await client.end();
  }
}
