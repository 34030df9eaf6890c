/**
 * The background jobs of a server instance, started once from instrumentation.ts:
 * - compaction every minute (minute partials → one row, closed hours and days built);
 * - folding every 5 s (the open minutes' partials → one row per series and minute, so the last
 *   minutes stay cheap to read for alert evaluation and live dashboards);
 * - retention every hour (raw points, minute, hour and day rollups past their retention);
 * - alert evaluation every ALERTS_EVAL_INTERVAL_SECONDS (30 s by default; each rule once per turn across instances).
 */
import 'server-only';
import { alertEvaluator } from '../alerts';
import { getConfig } from '../config';
import { getDb } from '../db';
import { compact, foldOpenMinutes } from '../rollup';
import { applyRetention } from '../rollup/retention';
import { onShutdown } from '../shutdown';
import { Scheduler } from './scheduler';

export type { JobStatus } from './scheduler';

/** How often the open minutes' partial rows are folded. */
export const FOLD_EVERY_MS = 5_000;

const globalForJobs = globalThis as unknown as { observatoryJobs?: Scheduler };

export function jobs(): Scheduler {
  if (!globalForJobs.observatoryJobs) {
    const config = getConfig();
    const provider = config.database.provider;
    globalForJobs.observatoryJobs = new Scheduler([
      { name: 'compaction', everyMs: 60_000, run: () => compact(getDb(), provider) },
      { name: 'fold', everyMs: FOLD_EVERY_MS, run: () => foldOpenMinutes(getDb(), provider) },
      {
        name: 'retention',
        everyMs: 3_600_000,
        run: () =>
          applyRetention(getDb(), provider, {
            rawDays: config.RETENTION_RAW_DAYS,
            minuteDays: config.RETENTION_MINUTE_DAYS,
            hourDays: config.RETENTION_HOUR_DAYS,
            dayDays: config.RETENTION_DAY_DAYS,
            alertsDays: config.RETENTION_ALERTS_DAYS,
          }),
      },
      {
        name: 'alerts',
        everyMs: config.ALERTS_EVAL_INTERVAL_SECONDS * 1000,
        run: () => alertEvaluator().run(),
      },
    ]);
  }
  return globalForJobs.observatoryJobs;
}

/**
 * Compaction until it has caught up, now (after a bulk load of past data, so that hour and day
 * reads include it at once).
 */
export async function compactNow(): Promise<void> {
  const { provider } = getConfig().database;
  while (!(await compact(getDb(), provider, Date.now(), 60_000)).caughtUp);
}

/** Starts the jobs unless JOBS_ENABLED=false; they stop (letting a run finish) at shutdown. */
export function startJobs(): void {
  if (getConfig().JOBS_ENABLED !== 'true') return;
  const scheduler = jobs();
  scheduler.start();
  onShutdown(() => scheduler.stop());
}
