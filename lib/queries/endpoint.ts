/**
 * One route (service, method, route template) over a range: its numbers as on the Endpoints
 * list, percentiles, requests and errors over about 60 steps, a latency histogram from the
 * merged sketch's bins, requests by status class, the share of its time spent in the database
 * (the DB time series POST /api/v1/requests records beside the duration), and its slowest and
 * latest failed requests, kept whole at ingestion (requests.ts); those are kept for
 * RETENTION_RAW_DAYS, so older parts of a range show none.
 */
import type { Db } from '../db/client';
import { RED_METRICS } from '../metrics';
import { foldRows } from '../rollup';
import { rollupsFor, type RollupSlice } from '../rollup';
import { findSeries, type Range } from '../rollup';
import { previousRange } from '../views/period';
import type { EndpointKey, EndpointStats } from './endpoints';
import { histogramOf, type Histogram } from './histogram';
import { failedSeries, requestStats } from './red-math';
import { requestLists, type RequestRow } from './requests';
import { bySteps, gridFor, previousGrid, previousSteps, rollupsForSteps, stepFor } from './steps';

export const DETAIL_STEPS = 60;

export type EndpointPoint = {
  t: number;
  requests: number;
  errors: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** Database time ÷ request time in the step; null without either (no DB time recorded: null, not 0). */
  dbShare: number | null;
  /** p95 in the same step of the period before (lib/queries/steps.ts previousGrid); null when not comparing. */
  previousP95: number | null;
};

export type EndpointDetail = {
  key: EndpointKey;
  range: Range;
  previousRange: Range | null;
  summary: EndpointStats & { previous: EndpointStats | null };
  step: number;
  points: EndpointPoint[];
  /** Durations in ms: (from, to] and how many requests took that long. */
  histogram: Histogram;
  statuses: { statusClass: string; requests: number }[];
  db: { timeMs: number; requestMs: number; share: number | null; timedRequests: number };
  /** The slowest requests kept in the range, slowest first. */
  slowest: RequestRow[];
  /** The latest failed (5xx) requests kept in the range, newest first. */
  failed: RequestRow[];
};

/** Database time against request time in rows of the duration and DB time series. */
function dbTimeOf(durationRows: readonly RollupSlice[], dbRows: readonly RollupSlice[]): EndpointDetail['db'] {
  const timeMs = dbRows.reduce((n, r) => n + r.sum, 0);
  const requestMs = durationRows.reduce((n, r) => n + r.sum, 0);
  const timedRequests = dbRows.reduce((n, r) => n + r.count, 0);
  // No share without database time recorded: "0%" would claim the route never waits on it.
  return { timeMs, requestMs, share: timedRequests && requestMs > 0 ? timeMs / requestMs : null, timedRequests };
}

export async function getEndpoint(
  db: Db,
  projectId: string,
  key: EndpointKey,
  range: Range,
  { compare = false }: { compare?: boolean } = {},
): Promise<EndpointDetail> {
  const filters = { service: key.service, method: key.method, route: key.route };
  const [durations, dbSeries] = await Promise.all([
    findSeries(db, projectId, RED_METRICS.duration, filters),
    findSeries(db, projectId, RED_METRICS.dbDuration, filters),
  ]);
  const statusOf = new Map(durations.map((s) => [s.id, s.dims.status_class ?? 'unknown']));
  const failed = failedSeries(durations);
  const dbIds = new Set(dbSeries.map((s) => s.id));
  const set = { ids: [...statusOf.keys(), ...dbIds], total: null };

  const grid = gridFor(range, stepFor(range, DETAIL_STEPS));
  const before = compare ? previousRange(range) : null;
  const durationIds = [...statusOf.keys()];
  const durationSet = { ids: durationIds, total: null };
  const [rows, stepRows, previousRows, previousStepRows, requests] = await Promise.all([
    rollupsFor(db, set, range),
    rollupsForSteps(db, set, range, grid),
    before ? rollupsFor(db, durationSet, before) : Promise.resolve([]),
    before ? previousSteps(db, durationSet, range, grid) : Promise.resolve([]),
    requestLists(db, projectId, key, range),
  ]);

  const durationRows = rows.filter((r) => statusOf.has(r.seriesId));
  const dbRows = rows.filter((r) => dbIds.has(r.seriesId));
  const stats = requestStats(durationRows, failed, range);

  const byStatus = new Map<string, number>();
  for (const r of durationRows) {
    const s = statusOf.get(r.seriesId)!;
    byStatus.set(s, (byStatus.get(s) ?? 0) + r.count);
  }

  const previous = before ? requestStats(previousRows, failed, before) : null;
  const beforeGrid = previousGrid(range, grid);
  // No line for a period before without any request: a flat nothing would read as a fast route.
  const beforeSteps = previous && previous.requests > 0 ? bySteps(previousStepRows, beforeGrid) : null;
  const points = bySteps(stepRows, grid).map((list, i): EndpointPoint => {
    const t = grid.start + i * grid.step;
    const tBefore = beforeGrid.start + i * grid.step;
    const stepDurations = list.filter((r) => statusOf.has(r.seriesId));
    const stepDb = list.filter((r) => dbIds.has(r.seriesId));
    const s = requestStats(stepDurations, failed, { from: t, to: t + grid.step });
    return {
      t,
      requests: s.requests,
      errors: s.errors,
      p50: s.p50,
      p95: s.p95,
      p99: s.p99,
      dbShare: dbTimeOf(stepDurations, stepDb).share,
      previousP95: beforeSteps
        ? requestStats(beforeSteps[i]!, failed, { from: tBefore, to: tBefore + grid.step }).p95
        : null,
    };
  });

  return {
    key,
    range,
    previousRange: before,
    summary: { ...stats, previous },
    step: grid.step,
    points,
    histogram: histogramOf(foldRows(durationRows).sketch),
    statuses: [...byStatus]
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([statusClass, requests]) => ({ statusClass, requests })),
    db: dbTimeOf(durationRows, dbRows),
    ...requests,
  };
}
