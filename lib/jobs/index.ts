/**
 * The background jobs of a server instance, started once from instrumentation.ts. Each is
 * exclusive: one instance runs it per turn, holding its lease (scheduler.ts, lease.ts):
 * - compaction every minute (minute partials → one row, closed hours and days built);
 * - folding every 5 s (the open minutes' partials → one row per series and minute, so the last
 *   minutes stay cheap to read for alert evaluation and live dashboards);
 * - retention every hour (raw points, minute, hour and day rollups past their retention);
 * - alert evaluation every ALERTS_EVAL_INTERVAL_SECONDS (30 s by default);
 * - the optimizer's detection pass every 15 minutes (lib/optimizer).
 * Leases live in Redis when REDIS_URL is set, in the database otherwise.
 */
import 'server-only';
import { alertEvaluator } from '../alerts';
import { getConfig } from '../config';
import { getDb } from '../db';
import { instanceName } from '../instance';
import { getRedis } from '../redis';
import { runAllDetection } from '../optimizer/run';
import { applyRetention, compact, foldOpenMinutes } from '../rollup';
import { onShutdown } from '../shutdown';
import { installationId } from './installation';
import type { LeaseStore } from './lease';
import { DbLeaseStore } from './lease-db';
import { RedisLeaseStore } from './lease-redis';
import { Scheduler } from './scheduler';

export type { JobContext, JobLeaseView, JobStatus } from './scheduler';
export { JobBusyError } from './scheduler';

/** How often the open minutes' partial rows are folded. */
export const FOLD_EVERY_MS = 5_000;

/** How long compactNow waits for another instance's compaction run to end. */
const COMPACT_NOW_WAIT_MS = 120_000;

const globalForJobs = globalThis as unknown as { observatoryJobs?: Scheduler };

/** Redis when configured (keys under this installation's id), else the database. */
function leaseStore(): LeaseStore {
  const db = getDb();
  const redis = getRedis();
  if (!redis) return new DbLeaseStore(db);
  let prefix: Promise<string> | null = null;
  return new RedisLeaseStore(redis, () => {
    prefix ??= installationId(db).then(
      (id) => `observatory:${id}:`,
      (err: unknown) => {
        prefix = null; // asked again next time
        throw err;
      },
    );
    return prefix;
  });
}

export function jobs(): Scheduler {
  if (!globalForJobs.observatoryJobs) {
    const config = getConfig();
    const provider = config.database.provider;
    globalForJobs.observatoryJobs = new Scheduler(
      [
        {
          name: 'compaction',
          everyMs: 60_000,
          exclusive: true,
          run: async ({ signal }) => {
            const report = await compact(getDb(), provider, {
              budgetMs: 20_000,
              signal,
              rawDays: config.RETENTION_RAW_DAYS,
            });
            // A backlog (a backfill, downtime) is worked off in back-to-back runs, not one a minute.
            if (!report.caughtUp && !signal.aborted) jobs().runSoon('compaction');
            return report;
          },
        },
        { name: 'fold', everyMs: FOLD_EVERY_MS, exclusive: true, run: () => foldOpenMinutes(getDb(), provider) },
        {
          name: 'retention',
          everyMs: 3_600_000,
          exclusive: true,
          run: ({ signal }) =>
            applyRetention(
              getDb(),
              provider,
              {
                rawDays: config.RETENTION_RAW_DAYS,
                minuteDays: config.RETENTION_MINUTE_DAYS,
                hourDays: config.RETENTION_HOUR_DAYS,
                dayDays: config.RETENTION_DAY_DAYS,
                alertsDays: config.RETENTION_ALERTS_DAYS,
              },
              Date.now(),
              signal,
            ),
        },
        {
          name: 'alerts',
          everyMs: config.ALERTS_EVAL_INTERVAL_SECONDS * 1000,
          exclusive: true,
          run: ({ signal }) => alertEvaluator().run(Date.now(), signal),
        },
        {
          // Recommendations from each project's last window (lib/optimizer).
          name: 'optimizer',
          everyMs: 15 * 60_000,
          exclusive: true,
          run: ({ signal }) => runAllDetection(getDb(), signal),
        },
        {
          // The demo shop's minute that just ended, while the demo project exists (lib/demo/live.ts).
          name: 'demo-live',
          everyMs: 60_000,
          exclusive: true,
          run: async () => {
            // Loaded when run: ingestion's module asks the jobs for compaction, so not at import.
            const [{ getSampler, getWriter }, { writeDemoMinute }] = await Promise.all([
              import('../ingest'),
              import('../demo/live'),
            ]);
            return writeDemoMinute(getDb(), getWriter(), getSampler());
          },
        },
      ],
      { leases: leaseStore(), holder: instanceName() },
    );
  }
  return globalForJobs.observatoryJobs;
}

/**
 * Compaction until it has caught up, now (after a bulk load of past data, so that hour and day
 * reads include it at once), holding compaction's lease: after another instance's run ends.
 */
export async function compactNow(): Promise<void> {
  const config = getConfig();
  const { provider } = config.database;
  const rawDays = config.RETENTION_RAW_DAYS;
  await jobs().runNow('compaction', {
    waitMs: COMPACT_NOW_WAIT_MS,
    run: async ({ signal }) => {
      while (!(await compact(getDb(), provider, { budgetMs: 60_000, signal, rawDays })).caughtUp) {
        signal.throwIfAborted();
      }
    },
  });
}

/** Starts the jobs unless JOBS_ENABLED=false; they stop (letting a run finish) at shutdown. */
export function startJobs(): void {
  if (getConfig().JOBS_ENABLED !== 'true') return;
  const scheduler = jobs();
  scheduler.start();
  onShutdown(() => scheduler.stop());
}
