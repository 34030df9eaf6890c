/**
 * The storage side of ingestion on SQLite: IngestWriter (series lookup, raw points, per-minute
 * rollups with sketches, group commit) taking 16 concurrent 1,000-point batches, against the raw
 * driver (better-sqlite3, one prepared INSERT per row in one transaction) writing the same
 * 16,000 rows, in the same run. HTTP is measured separately (the route benchmarks).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { compare, type BenchResult } from './harness';

const CLIENTS = 16;
const BATCH = 1_000;

export async function ingestWriter(): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-bench-ingest-'));
  const url = `file:${path.join(dir, 'bench.db')}`;
  const { parseDatabaseUrl } = await import('../lib/db/url');
  const { migrate } = await import('../lib/db/migrate');
  const { createDb } = await import('../lib/db/client');
  const { IngestWriter } = await import('../lib/ingest/writer');
  const { createProject } = await import('../lib/projects/store');
  const target = parseDatabaseUrl(url);
  await migrate(target);
  const db = createDb(target);
  const project = await createProject(db, 'bench', { name: 'Bench' });
  const writer = new IngestWriter(db, 'sqlite');

  const raw = new Database(path.join(dir, 'bench.db'));
  raw.pragma('journal_mode = WAL');
  raw.exec('CREATE TABLE raw_points (seriesId INTEGER NOT NULL, ts INTEGER NOT NULL, value REAL NOT NULL)');
  const insert = raw.prepare('INSERT INTO raw_points (seriesId, ts, value) VALUES (?, ?, ?)');
  const insertAll = raw.transaction((rows: [number, number, number][]) => {
    for (const r of rows) insert.run(...r);
  });

  let t = Date.now() - 3_600_000;
  const batch = () =>
    Array.from({ length: BATCH }, (_, i) => ({
      name: 'http.server.request.duration',
      kind: 'distribution' as const,
      unit: 'ms',
      tags: { route: `/r/${i % 20}`, method: 'GET' },
      ts: (t += 1),
      value: 20 + (i % 300),
    }));
  try {
    const { baseline, subject } = await compare(
      async () => {
        const rows: [number, number, number][] = [];
        for (let c = 0; c < CLIENTS; c++) for (let i = 0; i < BATCH; i++) rows.push([i % 20, (t += 1), 20 + (i % 300)]);
        insertAll(rows);
      },
      async () => {
        await Promise.all(Array.from({ length: CLIENTS }, () => writer.submit(project.id, batch())));
      },
      { rounds: 6, roundMs: 1_000, warmupMs: 1_000 },
    );
    const perSecond = (ops: number) => (ops * CLIENTS * BATCH).toLocaleString('en');
    return {
      name: `Ingestion storage, ${CLIENTS} concurrent ${BATCH.toLocaleString('en')}-point batches (SQLite)`,
      baseline: { label: `better-sqlite3 prepared INSERT loop (${perSecond(baseline.opsPerSec)} rows/s)`, ...baseline },
      subject: {
        label: `IngestWriter with rollups and sketches (${perSecond(subject.opsPerSec)} points/s)`,
        ...subject,
      },
    };
  } finally {
    raw.close();
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
