/**
 * Request samples: single requests kept whole (exact status, raw path, DB time, sizes, instance)
 * for the request detail view, chosen as they are ingested. The RED series keep only the status
 * class, so without these a slow request could not be opened.
 *
 * Per project, service, method, route and minute, this process keeps:
 * - every failed request (5xx), up to SAMPLE_LIMITS.error;
 * - a request slower than every one seen before it in that minute, up to SAMPLE_LIMITS.slow
 *   (the first request of a minute is the slowest so far; a minute of n requests in random order
 *   has about ln n record-breakers, so the cap is rarely reached and the slowest is kept);
 * - every SAMPLE_LIMITS.every-th of the rest, up to SAMPLE_LIMITS.sample.
 * So a route keeps at most 16 rows a minute whatever its traffic, and the slowest and failed
 * requests are there. Each instance samples what it ingests (several instances may each keep a
 * minute's slowest). Requests older than the raw retention are not kept: retention would delete them.
 * The state is bounded (SAMPLE_LIMITS.keys minutes of routes, oldest dropped first); a backfill
 * that cycles through more than that may keep a few more rows per minute, never fewer.
 */
import type { Column } from '../db/bulk';
import { SERVER_ERROR, statusClass } from '../metrics';
import type { RequestRecord } from './schema';
import type { SideRows } from './writer';

export type SampleLimits = { error: number; slow: number; sample: number; every: number; keys: number };

export const SAMPLE_LIMITS: Readonly<SampleLimits> = { error: 5, slow: 5, sample: 6, every: 100, keys: 50_000 };

export type SampleReason = 'error' | 'slow' | 'sample';

export const REQUEST_SAMPLE_COLUMNS: readonly Column[] = [
  { name: 'projectId', pgType: 'text' },
  { name: 'ts', pgType: 'int8' },
  { name: 'service', pgType: 'text' },
  { name: 'method', pgType: 'text' },
  { name: 'route', pgType: 'text' },
  { name: 'path', pgType: 'text' },
  { name: 'status', pgType: 'int4' },
  { name: 'durationMs', pgType: 'float8' },
  { name: 'dbTimeMs', pgType: 'float8' },
  { name: 'dbQueries', pgType: 'int4' },
  { name: 'cache', pgType: 'text' },
  { name: 'requestBytes', pgType: 'float8' },
  { name: 'responseBytes', pgType: 'float8' },
  { name: 'instance', pgType: 'text' },
  { name: 'reason', pgType: 'text' },
];

/** What one route's minute has kept so far. */
type Minute = { seen: number; slowest: number; error: number; slow: number; sample: number };

export class RequestSampler {
  private readonly minutes = new Map<string, Minute>();

  constructor(private readonly limits: Readonly<SampleLimits> = SAMPLE_LIMITS) {}

  /** Why `r` is kept, or null. Updates the minute's state: call once per request, in arrival order. */
  reasonFor(projectId: string, r: RequestRecord): SampleReason | null {
    const key = `${projectId}\0${r.service}\0${r.method}\0${r.route}\0${Math.floor(r.ts / 60_000)}`;
    let m = this.minutes.get(key);
    if (!m) {
      m = { seen: 0, slowest: -1, error: 0, slow: 0, sample: 0 };
      this.minutes.set(key, m);
      if (this.minutes.size > this.limits.keys) this.minutes.delete(this.minutes.keys().next().value!);
    }
    m.seen += 1;
    const slower = r.durationMs > m.slowest;
    if (slower) m.slowest = r.durationMs;
    if (statusClass(r.status) === SERVER_ERROR && m.error < this.limits.error) {
      m.error += 1;
      return 'error';
    }
    if (slower && m.slow < this.limits.slow) {
      m.slow += 1;
      return 'slow';
    }
    if (m.seen % this.limits.every === 0 && m.sample < this.limits.sample) {
      m.sample += 1;
      return 'sample';
    }
    return null;
  }

  /** The kept requests of one accepted batch as rows for RequestSample (none older than `notBefore`). */
  rows(projectId: string, records: readonly RequestRecord[], notBefore: number): SideRows {
    const rows: unknown[][] = [];
    for (const r of records) {
      if (r.ts < notBefore) continue;
      const reason = this.reasonFor(projectId, r);
      if (!reason) continue;
      rows.push([
        projectId,
        r.ts,
        r.service,
        r.method,
        r.route,
        r.path ?? r.route,
        r.status,
        r.durationMs,
        r.dbTimeMs ?? null,
        r.dbQueries ?? null,
        r.cacheHit === undefined ? null : r.cacheHit ? 'hit' : 'miss',
        r.requestBytes ?? null,
        r.responseBytes ?? null,
        r.instance ?? null,
        reason,
      ]);
    }
    return { table: 'RequestSample', columns: REQUEST_SAMPLE_COLUMNS, rows };
  }
}
