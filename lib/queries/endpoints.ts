/**
 * Every route of a project with requests over a range: requests, req/s, 5xx error rate,
 * p50/p95/p99 and max, and a trend of about 30 steps (requests and p95 per step). Read from the
 * request duration series (each request is one value in them, so their counts are the request
 * counts and their 5xx series the errors): one read of rollups for the range, one for the
 * trend at a resolution that divides its steps, and one for the period before when comparing.
 * Rows are grouped by route in memory; nothing is read per route.
 */
import type { Db } from '../db/client';
import { RED_METRICS, statusClass } from '../metrics';
import { rollupsFor, type RollupSlice } from '../rollup';
import { findSeries, type Range, type SeriesRef } from '../rollup';
import { summarize } from './stats';
import { resolutionFor, stepFor } from './timeseries';

export const TREND_STEPS = 30;
export const SERVER_ERROR = statusClass(500);

export type EndpointKey = { service: string; method: string; route: string };

export type EndpointStats = {
  requests: number;
  /** Requests per second over the range. */
  rate: number;
  /** 5xx answers. */
  errors: number;
  /** errors ÷ requests; null without requests. */
  errorRate: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
};

export type EndpointRow = EndpointKey &
  EndpointStats & {
    /** The same numbers over the period just before; null when not comparing. */
    previous: EndpointStats | null;
    /** Per trend step (see Endpoints.trend): requests and p95 (null in a step without requests). */
    trend: { requests: number[]; p95: (number | null)[] };
  };

export type Endpoints = {
  range: Range;
  previousRange: Range | null;
  /** The trend's steps: `steps` of `step` ms from `start` (aligned to the epoch, may start before range.from). */
  trend: { start: number; step: number; steps: number };
  /** Every service and method of the project (unfiltered), for filter choices. */
  services: string[];
  methods: string[];
  /** By requests, most first. */
  endpoints: EndpointRow[];
};

export type EndpointFilters = { service?: string; method?: string };

export function endpointKey(dims: Record<string, string>): string {
  return JSON.stringify([dims.service ?? '', dims.method ?? '', dims.route ?? '']);
}

function keyParts(key: string): EndpointKey {
  const [service, method, route] = JSON.parse(key) as [string, string, string];
  return { service, method, route };
}

/** Requests, errors, percentiles and max of one route's duration rows. */
export function endpointStats(rows: readonly RollupSlice[], failed: ReadonlySet<number>, range: Range): EndpointStats {
  const s = summarize(rows, (range.to - range.from) / 1000, 'distribution');
  let errors = 0;
  for (const r of rows) if (failed.has(r.seriesId)) errors += r.count;
  return {
    requests: s.count,
    rate: s.rate,
    errors,
    errorRate: s.count ? errors / s.count : null,
    p50: s.p50,
    p95: s.p95,
    p99: s.p99,
    max: s.max,
  };
}

function groupRows(rows: readonly RollupSlice[], groupOf: ReadonlyMap<number, string>): Map<string, RollupSlice[]> {
  const groups = new Map<string, RollupSlice[]>();
  for (const r of rows) {
    const g = groupOf.get(r.seriesId);
    if (g === undefined) continue;
    const list = groups.get(g);
    if (list) list.push(r);
    else groups.set(g, [r]);
  }
  return groups;
}

const sortedValues = (series: readonly SeriesRef[], tag: string) =>
  [...new Set(series.map((s) => s.dims[tag]).filter((v): v is string => v !== undefined))].sort();

export async function getEndpoints(
  db: Db,
  projectId: string,
  filters: EndpointFilters,
  range: Range,
  { compare = false }: { compare?: boolean } = {},
): Promise<Endpoints> {
  const all = await findSeries(db, projectId, RED_METRICS.duration);
  const series = all.filter(
    (s) =>
      s.dims.route !== undefined &&
      (filters.service === undefined || s.dims.service === filters.service) &&
      (filters.method === undefined || s.dims.method === filters.method),
  );
  const groupOf = new Map(series.map((s) => [s.id, endpointKey(s.dims)]));
  const failed = new Set(series.filter((s) => s.dims.status_class === SERVER_ERROR).map((s) => s.id));
  const set = { ids: series.map((s) => s.id), total: null };

  const step = stepFor(range, TREND_STEPS);
  const start = Math.floor(range.from / step) * step;
  const steps = Math.ceil((range.to - start) / step);
  const previousRange = compare ? { from: range.from - (range.to - range.from), to: range.from } : null;
  const [rows, trendRows, previousRows] = await Promise.all([
    rollupsFor(db, set, range),
    rollupsFor(db, set, { from: start, to: range.to }, resolutionFor(step)),
    previousRange ? rollupsFor(db, set, previousRange) : Promise.resolve([]),
  ]);

  const current = groupRows(rows, groupOf);
  const before = groupRows(previousRows, groupOf);
  const trends = new Map<string, RollupSlice[][]>();
  for (const r of trendRows) {
    const g = groupOf.get(r.seriesId);
    if (g === undefined || !current.has(g)) continue;
    const i = Math.floor((Number(r.bucket) - start) / step);
    if (i < 0 || i >= steps) continue;
    let byStep = trends.get(g);
    if (!byStep) trends.set(g, (byStep = Array.from({ length: steps }, () => [])));
    byStep[i]!.push(r);
  }

  const endpoints: EndpointRow[] = [];
  for (const [key, list] of current) {
    const stats = endpointStats(list, failed, range);
    if (stats.requests === 0) continue;
    const byStep = trends.get(key) ?? Array.from({ length: steps }, () => []);
    const stepStats = byStep.map((l) => summarize(l, step / 1000, 'distribution'));
    endpoints.push({
      ...keyParts(key),
      ...stats,
      previous: previousRange ? endpointStats(before.get(key) ?? [], failed, previousRange) : null,
      trend: { requests: stepStats.map((s) => s.count), p95: stepStats.map((s) => s.p95) },
    });
  }
  endpoints.sort(
    (a, b) => b.requests - a.requests || a.route.localeCompare(b.route) || a.method.localeCompare(b.method),
  );
  return {
    range,
    previousRange,
    trend: { start, step, steps },
    services: sortedValues(all, 'service'),
    methods: sortedValues(all, 'method'),
    endpoints,
  };
}
