/**
 * SQLite's write-ahead log under a long chain of write transactions on the serving connection,
 * as compaction makes working off a backlog: without a checkpoint there between transactions the
 * log is never wholly copied back, SQLite never starts it over, and the file grows with every
 * commit. With checkpointWal between them, each write starts the log from its beginning again.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { checkpointWal, CHECKPOINT_EVERY_MS } from '@/lib/db/checkpoint';
import { createDb, driverOf, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl } from '@/lib/db/url';
import { freshSqlite, type TestDatabase } from '../helpers/services';

const TRANSACTIONS = 60;
const ROWS = 400;

describe('SQLite log checkpoints between transactions', () => {
  const opened: { db: Db; database: TestDatabase }[] = [];
  afterEach(async () => {
    for (const { db, database } of opened.splice(0)) {
      await db.$disconnect();
      await database.drop();
    }
  });

  async function open(): Promise<{ db: Db; file: string }> {
    const database = freshSqlite();
    const target = parseDatabaseUrl(database.url);
    if (target.provider !== 'sqlite') throw new Error('not SQLite');
    await migrate(target);
    const db = createDb(target);
    opened.push({ db, database });
    await db.$connect();
    return { db, file: target.file };
  }

  it('keeps the log to a fraction of what a chain of commits writes', async () => {
    const { db, file } = await open();
    const driver = driverOf(db);
    if (driver?.provider !== 'sqlite') throw new Error('no SQLite driver');
    // Everything so far (the migration) copied back, so the file's growth is what the commits add.
    await driver.run((raw) => raw.pragma('wal_checkpoint(TRUNCATE)'));
    const before = fs.statSync(file).size;
    const values = Array.from({ length: ROWS }, (_, r) => `(${r}, ${r * 1000}, ${r / 7})`).join(',');
    for (let i = 0; i < TRANSACTIONS; i++) {
      await db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`INSERT INTO "LatePoint" ("seriesId", "ts", "value") VALUES ${values}`);
      });
      // `now` an interval apart each time, so no call is skipped.
      expect(await checkpointWal(db, (i + 1) * CHECKPOINT_EVERY_MS)).toBe(true);
    }
    const wal = fs.statSync(`${file}-wal`).size;
    await driver.run((raw) => raw.pragma('wal_checkpoint(TRUNCATE)'));
    const written = fs.statSync(file).size - before;
    expect(await db.latePoint.count()).toBe(TRANSACTIONS * ROWS);
    expect(written).toBeGreaterThan(0);
    // Without the checkpoints the log holds every commit's pages: more than `written`.
    expect(wal).toBeLessThan(written / 10);
  });

  it('checkpoints at most once per interval, on a client that has run nothing yet too', async () => {
    const database = freshSqlite();
    const target = parseDatabaseUrl(database.url);
    await migrate(target);
    // Not connected: a script whose first statement is compaction's.
    const db = createDb(target);
    opened.push({ db, database });
    expect(await checkpointWal(db, 10_000)).toBe(true);
    expect(await checkpointWal(db, 10_000 + CHECKPOINT_EVERY_MS - 1)).toBe(false);
    expect(await checkpointWal(db, 10_000 + CHECKPOINT_EVERY_MS)).toBe(true);
  });
});
