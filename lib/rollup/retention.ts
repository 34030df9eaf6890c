/**
 * Retention: raw points after RETENTION_RAW_DAYS (and with them request samples and the browser
 * tracker's vitals samples and page activity rows), minute, hour and day rollups after theirs, and alert history
 * and notification delivery logs after RETENTION_ALERTS_DAYS.
 * Deletes go in slices so a large backlog never holds the database (SQLite has one writer).
 */
import type { Db } from '../db/client';
import { backgroundStatements } from '../db/statement-queue';
import type { DbProvider } from '../db/url';
import { DAY_MS, HOUR_MS } from '../time';

export type Retention = {
  rawDays: number;
  minuteDays: number;
  hourDays: number;
  dayDays: number;
  /** Alert history and notification delivery logs; unset keeps them. */
  alertsDays?: number;
};
export type RetentionReport = {
  points: number;
  rollups: Record<60 | 3600 | 86400, number>;
  /** VitalSample and PageActivity rows (lib/vitals). */
  browser: number;
  /** RequestSample rows (lib/ingest/samples.ts). */
  samples: number;
  /** Alert history events and notification delivery rows (lib/alerts). */
  alerts: number;
};

const SLICE = 10_000;
const SERIES_PER_STATEMENT = 500;

/**
 * The cut-offs. Minutes are kept a day longer than configured, to whole days: a late point
 * rebuilds its hour from all of that hour's minutes, which must all still be there.
 */
export function cutoffs(retention: Retention, now: number) {
  return {
    raw: now - retention.rawDays * DAY_MS,
    60: Math.floor((now - retention.minuteDays * DAY_MS) / DAY_MS) * DAY_MS - DAY_MS,
    3600: Math.floor((now - retention.hourDays * DAY_MS) / HOUR_MS) * HOUR_MS,
    86400: retention.dayDays > 0 ? Math.floor((now - retention.dayDays * DAY_MS) / DAY_MS) * DAY_MS : null,
  };
}

async function deleteInSlices(db: Db, sql: string, params: unknown[], signal?: AbortSignal): Promise<number> {
  let total = 0;
  for (;;) {
    signal?.throwIfAborted();
    const n = await db.$executeRawUnsafe(sql, ...params);
    total += n;
    if (n < SLICE) return total;
  }
}

/**
 * Deletes what is past retention; throws between slices once `signal` aborts (its run lost its
 * lease). On SQLite its statements wait while requests are using the connection (backgroundStatements).
 */
export function applyRetention(
  db: Db,
  provider: DbProvider,
  retention: Retention,
  now = Date.now(),
  signal?: AbortSignal,
): Promise<RetentionReport> {
  return backgroundStatements(() => retain(db, provider, retention, now, signal));
}

async function retain(
  db: Db,
  provider: DbProvider,
  retention: Retention,
  now: number,
  signal: AbortSignal | undefined,
): Promise<RetentionReport> {
  const p = (i: number) => (provider === 'postgresql' ? `$${i}` : '?');
  const cut = cutoffs(retention, now);
  const report: RetentionReport = {
    points: 0,
    rollups: { 60: 0, 3600: 0, 86400: 0 },
    browser: 0,
    samples: 0,
    alerts: 0,
  };

  // Points are found through their series' (seriesId, ts) index: there is no index on ts alone,
  // which would slow every insert.
  const series = await db.series.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  for (let i = 0; i < series.length; i += SERIES_PER_STATEMENT) {
    const ids = series.slice(i, i + SERIES_PER_STATEMENT).map((s) => s.id);
    const list = ids.map((_, j) => p(j + 1)).join(',');
    report.points += await deleteInSlices(
      db,
      `DELETE FROM "Point" WHERE "id" IN (SELECT "id" FROM "Point" WHERE "seriesId" IN (${list}) AND "ts" < ${p(ids.length + 1)} LIMIT ${SLICE})`,
      [...ids, cut.raw],
      signal,
    );
  }
  for (const table of ['VitalSample', 'PageActivity']) {
    report.browser += await deleteInSlices(
      db,
      `DELETE FROM "${table}" WHERE "id" IN (SELECT "id" FROM "${table}" WHERE "ts" < ${p(1)} LIMIT ${SLICE})`,
      [cut.raw],
      signal,
    );
  }
  report.samples += await deleteInSlices(
    db,
    `DELETE FROM "RequestSample" WHERE "id" IN (SELECT "id" FROM "RequestSample" WHERE "ts" < ${p(1)} LIMIT ${SLICE})`,
    [cut.raw],
    signal,
  );
  for (const resolution of [60, 3600, 86400] as const) {
    const before = cut[resolution];
    if (before === null) continue;
    report.rollups[resolution] = await deleteInSlices(
      db,
      `DELETE FROM "Rollup" WHERE "id" IN (SELECT "id" FROM "Rollup" WHERE "resolution" = ${p(1)} AND "bucket" < ${p(2)} LIMIT ${SLICE})`,
      [resolution, before],
      signal,
    );
  }
  if (retention.alertsDays) {
    const before = new Date(now - retention.alertsDays * DAY_MS);
    report.alerts += (await db.alertEvent.deleteMany({ where: { at: { lt: before } } })).count;
    report.alerts += (await db.alertNotification.deleteMany({ where: { createdAt: { lt: before } } })).count;
  }
  return report;
}
