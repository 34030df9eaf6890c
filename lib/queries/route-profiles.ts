/**
 * Everything the request records tell about each route over a range, for the optimizer's
 * detectors: requests, 5xx, percentiles, time spent and the time spent beyond a latency budget
 * (from the duration sketches' bins), database time and queries per request (and, step by step,
 * whether database time grows with the queries), cache hits and misses, response sizes. One read
 * of rollups per metric for every route together, grouped in memory as the Endpoints view does.
 */
import type { Db } from '../db/client';
import { RED_METRICS } from '../metrics';
import { findSeries, mergeSketches, rollupsFor, valueOfKey, type Range, type RollupSlice } from '../rollup';
import { endpointKey, type EndpointKey } from './endpoints';
import { groupRows } from './group';
import { failedSeries, requestStats } from './red-math';
import { bySteps, gridFor, rollupsForSteps, stepFor, type StepGrid } from './steps';

const HOUR_MS = 3_600_000;
/** Steps the queries-to-database-time correlation is computed over. */
const CORRELATION_STEPS = 24;
/** Series read per statement. */
const SERIES_PER_READ = 200;

export type RouteProfile = EndpointKey & {
  requests: number;
  errors: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** Milliseconds spent answering (the durations' sum). */
  timeMs: number;
  /** Milliseconds spent beyond `budgetMs` (Σ max(0, duration − budget)), to within the sketch's 1%. */
  excessMs: number;
  /** Requests slower than `budgetMs`. */
  overBudget: number;
  /** Requests that reported database time, and its sum (ms). */
  db: { requests: number; timeMs: number } | null;
  /** Requests that reported a query count, and the queries' sum. */
  queries: { requests: number; total: number } | null;
  /** Pearson's r of queries per request and database time per request over about 24 steps of the range (≥ 6 with both). */
  queriesDbCorrelation: number | null;
  cache: { hits: number; misses: number } | null;
  /** Responses that reported a body size, and the sizes' sum (bytes). */
  responseBytes: { requests: number; total: number } | null;
};

/** The time beyond `budget` of the values in merged duration rows, and how many values lie beyond it. */
export function excessOver(rows: readonly RollupSlice[], budget: number): { excessMs: number; over: number } {
  const sketch = mergeSketches(rows.map((r) => r.sketch).filter((s): s is Uint8Array => s !== null));
  let excessMs = 0;
  let over = 0;
  for (const [key, count] of sketch.positiveBins()) {
    const v = valueOfKey(key);
    if (v <= budget) continue;
    excessMs += (v - budget) * count;
    over += count;
  }
  return { excessMs, over };
}

function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 6) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

const sumOf = (rows: readonly RollupSlice[] | undefined) => {
  let count = 0;
  let sum = 0;
  for (const r of rows ?? []) {
    count += r.count;
    sum += r.sum;
  }
  return { count, sum };
};

export async function getRouteProfiles(
  db: Db,
  projectId: string,
  range: Range,
  budgetMs: number,
): Promise<RouteProfile[]> {
  const metrics = [
    RED_METRICS.duration,
    RED_METRICS.dbDuration,
    RED_METRICS.dbQueries,
    RED_METRICS.cacheHits,
    RED_METRICS.cacheMisses,
    RED_METRICS.responseSize,
  ] as const;
  const series = await Promise.all(metrics.map((m) => findSeries(db, projectId, m)));
  const [durations, dbTime, dbQueries, hits, misses, sizes] = series.map((list) =>
    list.filter((s) => s.dims.route !== undefined),
  ) as [
    (typeof series)[0],
    (typeof series)[0],
    (typeof series)[0],
    (typeof series)[0],
    (typeof series)[0],
    (typeof series)[0],
  ];
  const failed = failedSeries(durations);
  const groupOf = new Map(series.flat().map((s) => [s.id, endpointKey(s.dims)]));
  // About 24 steps for the correlation: hours over a day, days over a month (never finer than an hour).
  const hours = gridFor(range, Math.max(HOUR_MS, stepFor(range, CORRELATION_STEPS)));
  // In slices of series, one statement each: on SQLite a statement holds the connection (and the
  // event loop) until it is done, and ingestion waiting behind a pass gets in between slices.
  const read = (list: typeof durations, grid?: StepGrid) =>
    Promise.all(
      Array.from({ length: Math.ceil(list.length / SERIES_PER_READ) }, (_, i) => {
        const set = { ids: list.slice(i * SERIES_PER_READ, (i + 1) * SERIES_PER_READ).map((s) => s.id), total: null };
        return grid ? rollupsForSteps(db, set, range, grid) : rollupsFor(db, set, range);
      }),
    ).then((parts) => parts.flat());
  const [durationRows, dbRows, queryRows, hitRows, missRows, sizeRows, dbHourly, queryHourly] = await Promise.all([
    read(durations),
    read(dbTime),
    read(dbQueries),
    read(hits),
    read(misses),
    read(sizes),
    read(dbTime, hours),
    read(dbQueries, hours),
  ]);
  const byRoute = (rows: readonly RollupSlice[]) => groupRows(rows, groupOf);
  const [d, dbT, q, h, m, sz, dbH, qH] = [
    durationRows,
    dbRows,
    queryRows,
    hitRows,
    missRows,
    sizeRows,
    dbHourly,
    queryHourly,
  ].map(byRoute);

  const out: RouteProfile[] = [];
  for (const [key, rows] of d!) {
    const stats = requestStats(rows, failed, range);
    if (stats.requests === 0) continue;
    const [service, method, route] = JSON.parse(key) as [string, string, string];
    const excess = excessOver(rows, budgetMs);
    const dbSum = sumOf(dbT!.get(key));
    const querySum = sumOf(q!.get(key));
    const hitSum = sumOf(h!.get(key));
    const missSum = sumOf(m!.get(key));
    const sizeSum = sumOf(sz!.get(key));
    // Hour by hour: queries per request against database time per request.
    const xs: number[] = [];
    const ys: number[] = [];
    const dbSteps = bySteps(dbH!.get(key) ?? [], hours);
    bySteps(qH!.get(key) ?? [], hours).forEach((list, i) => {
      const qs = sumOf(list);
      const ds = sumOf(dbSteps[i]);
      if (qs.count > 0 && ds.count > 0) {
        xs.push(qs.sum / qs.count);
        ys.push(ds.sum / ds.count);
      }
    });
    out.push({
      service,
      method,
      route,
      requests: stats.requests,
      errors: stats.errors,
      p50: stats.p50,
      p95: stats.p95,
      p99: stats.p99,
      timeMs: stats.time,
      excessMs: excess.excessMs,
      overBudget: excess.over,
      db: dbSum.count ? { requests: dbSum.count, timeMs: dbSum.sum } : null,
      queries: querySum.count ? { requests: querySum.count, total: querySum.sum } : null,
      queriesDbCorrelation: pearson(xs, ys),
      // Counters: their summed values are the hits and misses.
      cache: hitSum.sum + missSum.sum > 0 ? { hits: hitSum.sum, misses: missSum.sum } : null,
      responseBytes: sizeSum.count ? { requests: sizeSum.count, total: sizeSum.sum } : null,
    });
  }
  return out.sort((a, b) => b.timeMs - a.timeMs);
}
