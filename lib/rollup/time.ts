/** How long a minute stays open to late points before compaction closes it. */
import { HOUR_MS, MINUTE_MS } from '../time';

export const LATENESS_MS = 2 * MINUTE_MS;

/**
 * The start of the hour rows that compaction has built by `now` (at most). A point before it
 * lands in rows that readers take from hour and day rows, so it shows there only once its
 * buckets are rebuilt.
 */
export function builtHoursEnd(now: number): number {
  return Math.floor((now - LATENESS_MS) / HOUR_MS) * HOUR_MS;
}
