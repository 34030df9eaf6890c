/**
 * Leases in the database's JobLease table, on SQLite and PostgreSQL alike. Each operation is one
 * conditional statement, so two instances can never both succeed:
 * - acquire is an INSERT … ON CONFLICT DO UPDATE … WHERE (expired, turn not claimed) RETURNING.
 *   Two instances creating a job's first row at once: PostgreSQL makes the second insert wait
 *   for the first, then re-checks the WHERE against the committed row (not expired: no row
 *   returned); SQLite runs one writer at a time.
 * - renew and release update the row only while it still carries the holder's token (a
 *   takeover takes the next one) and has not expired.
 * Expiry is judged on this process's clock (injectable): instances' clocks must agree to well
 * within a lease's time to live, as NTP keeps them.
 */
import { providerOf, type Db } from '../db/client';
import type { Lease, LeaseState, LeaseStore } from './lease';

export class DbLeaseStore implements LeaseStore {
  readonly kind = 'database';
  private readonly p: (i: number) => string;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.p = providerOf(db) === 'postgresql' ? (i) => `$${i}` : () => '?';
  }

  async acquire(name: string, holder: string, ttlMs: number, turn: number | null): Promise<Lease | null> {
    const { p } = this;
    const now = this.now();
    // On demand: any turn passes the check, and the claimed turn stays as it was.
    const below = turn ?? Number.MAX_SAFE_INTEGER;
    const rows = await this.db.$queryRawUnsafe<{ token: bigint | number }[]>(
      `INSERT INTO "JobLease" ("name", "holder", "token", "turn", "acquiredAt", "expiresAt")
       VALUES (${p(1)}, ${p(2)}, 1, ${p(3)}, ${p(4)}, ${p(5)})
       ON CONFLICT ("name") DO UPDATE SET
         "holder" = excluded."holder",
         "token" = "JobLease"."token" + 1,
         "turn" = CASE WHEN excluded."turn" > "JobLease"."turn" THEN excluded."turn" ELSE "JobLease"."turn" END,
         "acquiredAt" = excluded."acquiredAt",
         "expiresAt" = excluded."expiresAt"
       WHERE "JobLease"."expiresAt" <= ${p(6)} AND "JobLease"."turn" < ${p(7)}
       RETURNING "token"`,
      name,
      holder,
      turn ?? 0,
      now,
      now + ttlMs,
      now,
      below,
    );
    const row = rows[0];
    return row ? { name, holder, token: Number(row.token), turn } : null;
  }

  async renew(lease: Lease, ttlMs: number): Promise<boolean> {
    const { p } = this;
    const now = this.now();
    const n = await this.db.$executeRawUnsafe(
      `UPDATE "JobLease" SET "expiresAt" = ${p(1)}
       WHERE "name" = ${p(2)} AND "token" = ${p(3)} AND "expiresAt" > ${p(4)}`,
      now + ttlMs,
      lease.name,
      lease.token,
      now,
    );
    return n === 1;
  }

  async release(lease: Lease): Promise<boolean> {
    const { p } = this;
    const n = await this.db.$executeRawUnsafe(
      `UPDATE "JobLease" SET "expiresAt" = 0
       WHERE "name" = ${p(1)} AND "token" = ${p(2)} AND "expiresAt" > ${p(3)}`,
      lease.name,
      lease.token,
      this.now(),
    );
    return n === 1;
  }

  async inspect(name: string): Promise<LeaseState> {
    const row = await this.db.jobLease.findUnique({ where: { name } });
    if (!row) return { holder: null, lastHolder: null, token: 0, turn: 0 };
    return {
      holder: Number(row.expiresAt) > this.now() ? row.holder : null,
      lastHolder: row.holder,
      token: Number(row.token),
      turn: Number(row.turn),
    };
  }
}
