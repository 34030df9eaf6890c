/**
 * Ingestion's bulk inserts on SQLite, run in a worker thread on a connection of its own.
 *
 * better-sqlite3 is synchronous: on the serving thread, every flush's inserts, its commit and
 * the WAL checkpoints SQLite runs after some commits stop the event loop (about 40% of the
 * serving thread's time under a sustained ingest load, measured with --cpu-prof). Here the
 * serving thread only hands over the rows and waits; it keeps reading and validating requests
 * while the worker writes. The caller holds the adapter's statement queue for the whole job
 * (lib/db/adapter.ts), so the two connections never write at once: no SQLITE_BUSY, no busy wait
 * on the serving thread, and compaction or Prisma see the rows once the job is done, as before.
 *
 * The worker's code is a string evaluated in the thread (no separate file for the bundler to
 * find); better-sqlite3 is resolved by the caller and passed in. When the worker cannot start,
 * `startSqliteWorker` returns null and bulk inserts run on the serving thread, as they used to.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** One table's rows, flattened: row i is `values[i * width … (i + 1) * width)`. */
export type FlatRows = {
  sql: { one: string; many: string };
  width: number;
  perStatement: number;
  values: ArrayLike<unknown>;
};

export type SqliteWorker = {
  /** Inserts every table's rows in one transaction: all of them, or none. */
  insert(tables: FlatRows[]): Promise<void>;
  /** False once the thread has died or was closed: make a new one. */
  alive(): boolean;
  /** True once a job has succeeded. */
  worked(): boolean;
  close(): Promise<void>;
};

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: workerData.timeoutMs });
db.pragma('journal_size_limit = ' + workerData.walLimitBytes);
// This connection checkpoints after its commits (SQLite's default, every 1,000 pages); the
// serving thread's does not. Writes made there (compaction, retention) between ingests are
// checkpointed here too, without waiting for anyone (PASSIVE).
setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {}
}, workerData.checkpointMs);
const statements = new Map();
const prepared = (sql) => {
  let stmt = statements.get(sql);
  if (!stmt) statements.set(sql, (stmt = db.prepare(sql)));
  return stmt;
};
// Typed arrays and Uint8Arrays arrive by structured clone; better-sqlite3 binds plain values and Buffers.
const bindable = (v) => (v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v);
const insertAll = db.transaction((tables) => {
  for (const t of tables) {
    const rows = t.values.length / t.width;
    const many = prepared(t.sql.many);
    const params = new Array(t.perStatement * t.width);
    let row = 0;
    for (; row + t.perStatement <= rows; row += t.perStatement) {
      const base = row * t.width;
      for (let i = 0; i < params.length; i++) params[i] = bindable(t.values[base + i]);
      many.run(params);
    }
    const one = prepared(t.sql.one);
    const single = new Array(t.width);
    for (; row < rows; row++) {
      for (let i = 0; i < t.width; i++) single[i] = bindable(t.values[row * t.width + i]);
      one.run(single);
    }
  }
});
parentPort.on('message', ({ id, tables }) => {
  try {
    insertAll(tables);
    parentPort.postMessage({ id });
  } catch (err) {
    parentPort.postMessage({ id, error: err && err.message ? err.message : String(err) });
  }
});
`;

/** Past a checkpoint, the WAL file is cut back to this size. */
export const WAL_LIMIT_BYTES = 64 * 1024 * 1024;
const CHECKPOINT_MS = 5_000;

function resolveDriver(): string | null {
  try {
    // From the project root, where the server, the scripts and the tests all run.
    return createRequire(path.join(process.cwd(), 'package.json')).resolve('better-sqlite3');
  } catch {
    return null;
  }
}

/** A worker writing into the SQLite file `file`, or null when there is none to be had. */
export function startSqliteWorker(file: string, timeoutMs: number): SqliteWorker | null {
  if (file === ':memory:' || file === '') return null;
  const driver = resolveDriver();
  if (!driver) return null;
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver, file, timeoutMs, walLimitBytes: WAL_LIMIT_BYTES, checkpointMs: CHECKPOINT_MS },
    });
  } catch {
    return null;
  }
  // Referenced only while a job is in flight: an idle writer never keeps the process alive,
  // and a script awaiting an insert is not left with nothing to wait on.
  worker.unref();
  const jobs = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  let nextId = 0;
  let failed: Error | null = null;
  let succeeded = false;
  const settleAll = (err: Error) => {
    failed = err;
    for (const job of jobs.values()) job.reject(err);
    jobs.clear();
  };
  worker.on('message', ({ id, error }: { id: number; error?: string }) => {
    const job = jobs.get(id);
    if (!job) return;
    jobs.delete(id);
    if (jobs.size === 0) worker.unref();
    if (error === undefined) {
      succeeded = true;
      job.resolve();
    } else job.reject(new Error(error));
  });
  worker.on('error', (err) => settleAll(err));
  worker.on('exit', (code) => settleAll(new Error(`the SQLite writer thread exited (code ${code})`)));

  return {
    insert: (tables) => {
      if (failed) return Promise.reject(failed);
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        jobs.set(id, { resolve, reject });
        worker.ref();
        // Typed arrays move to the worker without a copy.
        const transfer = tables.flatMap((t) =>
          ArrayBuffer.isView(t.values) && t.values.buffer instanceof ArrayBuffer ? [t.values.buffer] : [],
        );
        worker.postMessage({ id, tables }, transfer);
      });
    },
    alive: () => failed === null,
    worked: () => succeeded,
    close: async () => {
      if (!failed) failed = new Error('the SQLite writer thread was closed');
      await worker.terminate();
    },
  };
}
