/**
 * SQLite has one connection per client: a statement issued while another caller's transaction
 * is open must wait for it, not run inside it (and vanish when that transaction rolls back).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yieldingStatements } from '@/lib/db/adapter';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl } from '@/lib/db/url';
import { freshSqlite, type TestDatabase } from '../helpers/services';

describe('SQLite transactions and standalone statements', () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = freshSqlite();
    const target = parseDatabaseUrl(database.url);
    await migrate(target);
    db = createDb(target);
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it('a write made while a transaction is open survives that transaction rolling back', async () => {
    let inTransaction!: () => void;
    const started = new Promise<void>((resolve) => (inTransaction = resolve));
    const failing = db
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe(
          `INSERT INTO "Compaction" ("level","resolution","until","seenId","updatedAt") VALUES ('a', 1, 1, 1, 0)`,
        );
        inTransaction();
        await new Promise((resolve) => setTimeout(resolve, 100));
        throw new Error('roll back');
      })
      .catch((err: Error) => err.message);
    await started;
    // Issued while the transaction is open (as the writer creates series); it must not join it.
    // (A Prisma promise runs only once awaited or then()-ed.)
    const outside = db
      .$executeRawUnsafe(
        `INSERT INTO "Compaction" ("level","resolution","until","seenId","updatedAt") VALUES ('b', 2, 2, 2, 0)`,
      )
      .then((n) => n);
    expect(await failing).toBe('roll back');
    await outside;
    const rows = await db.compaction.findMany({ select: { level: true } });
    expect(rows).toEqual([{ level: 'b' }]);
  });

  it('a read issued during a transaction does not see its uncommitted rows', async () => {
    let inTransaction!: () => void;
    const started = new Promise<void>((resolve) => (inTransaction = resolve));
    const failing = db
      .$transaction(async (tx) => {
        await tx.compaction.create({ data: { level: 'c', resolution: 3, until: 3, seenId: 3 } });
        inTransaction();
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await started;
    const seen = db.compaction.findMany({ select: { level: true }, orderBy: { level: 'asc' } }).then((rows) => rows);
    await failing;
    expect(await seen).toEqual([{ level: 'b' }]);
  });
  it('statements inside yieldingStatements let the event loop turn between them; others run back to back', async () => {
    // How many statements of a chain of 20 reads ran before an immediate scheduled at its start.
    const chainBefore = async (wrap: (fn: () => Promise<void>) => Promise<void>) => {
      let done = 0;
      const seen = new Promise<number>((resolve) => setImmediate(() => resolve(done)));
      await wrap(async () => {
        for (let i = 0; i < 20; i++) {
          await db.compaction.findMany({ take: 1 });
          done += 1;
        }
      });
      return seen;
    };
    // Back to back: better-sqlite3 answers synchronously, so the whole chain resolves first.
    expect(await chainBefore((fn) => fn())).toBe(20);
    // Yielding: the immediate runs before the second statement (a streamed page's header goes out).
    expect(await chainBefore(yieldingStatements)).toBeLessThan(2);
  });
});
