/**
 * Keeps SQLite's write-ahead log from growing without bound under a long chain of write
 * transactions (compaction working off a backlog). The bulk-insert thread checkpoints every few
 * seconds (lib/db/sqlite-worker.ts), but a checkpoint there only copies frames committed before
 * it began; the serving connection keeps committing meanwhile, so the log is never wholly copied
 * and SQLite never starts it over: a catch-up of 240,000 late points grew it past 1.5 GB, and every
 * read slowed with it. A checkpoint on the serving connection itself, between two of its
 * transactions, copies all of it; the next write then starts the log from the beginning, and
 * journal_size_limit cuts the file back.
 */
import { driverOf, type Db } from './client';

/** At most one checkpoint this often per client: each one costs a sync of the database file. */
export const CHECKPOINT_EVERY_MS = 1_000;

const last = new WeakMap<Db, number>();

/**
 * Checkpoints the serving connection's log (PASSIVE: waits for no one) unless that was done less
 * than CHECKPOINT_EVERY_MS ago; a no-op on PostgreSQL. Call it between transactions. True when
 * it checkpointed.
 */
export async function checkpointWal(db: Db, now = performance.now()): Promise<boolean> {
  const driver = driverOf(db);
  if (driver?.provider !== 'sqlite') return false;
  if (now - (last.get(db) ?? -Infinity) < CHECKPOINT_EVERY_MS) return false;
  last.set(db, now);
  // A script's first statement may be compaction's: the driver needs the client connected.
  await db.$connect();
  await driver.run((raw) => raw.pragma('wal_checkpoint(PASSIVE)'));
  return true;
}
