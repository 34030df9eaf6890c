/**
 * Every route of a project with requests over a range: requests, req/s, 5xx error rate,
 * p50/p95/p99 and max, and a trend of about 30 steps (requests and p95 per step). Read from the
 * request duration series (each request is one value in them, so their counts are the request
 * counts and their 5xx series the errors): one read of rollups for the range, one for the
 * trend at a resolution that divides its steps, and one for the period before when comparing.
 * Rows are grouped by route in memory; nothing is read per route.
 */
import type { Db } from '../db/client';
import { RED_METRICS } from '../metrics';
import { findSeries, type Range } from '../rollup';
import { previousRange } from '../views/period';
import { groupRows, tagValues } from './group';
import { failedSeries, requestStats, type RequestStats } from './red-math';
import { summarize } from './stats';
import { bySteps, gridFor, rollupsForView, stepFor, type StepGrid } from './steps';

export const TREND_STEPS = 30;

export type EndpointKey = { service: string; method: string; route: string };

export type EndpointStats = RequestStats;

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
  trend: StepGrid;
  /** Every service and method of the project (unfiltered), for filter choices. */
  services: string[];
  methods: string[];
  /** By time spent, most first (where the servers' time goes: a busy health check that answers in 1 ms is not). */
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
  const failed = failedSeries(series);
  const set = { ids: series.map((s) => s.id), total: null };

  const grid = gridFor(range, stepFor(range, TREND_STEPS));
  const before = compare ? previousRange(range) : null;
  const [rows, trendRows, previousRows] = await rollupsForView(db, set, range, grid, before, { beforeSteps: false });

  const current = groupRows(rows, groupOf);
  const previous = groupRows(previousRows, groupOf);
  const trends = groupRows(trendRows, groupOf);

  const endpoints: EndpointRow[] = [];
  for (const [key, list] of current) {
    const stats = requestStats(list, failed, range);
    if (stats.requests === 0) continue;
    const stepStats = bySteps(trends.get(key) ?? [], grid).map((l) => summarize(l, grid.step / 1000, 'distribution'));
    endpoints.push({
      ...keyParts(key),
      ...stats,
      previous: before ? requestStats(previous.get(key) ?? [], failed, before) : null,
      trend: { requests: stepStats.map((s) => s.count), p95: stepStats.map((s) => s.p95) },
    });
  }
  endpoints.sort((a, b) => b.time - a.time || a.route.localeCompare(b.route) || a.method.localeCompare(b.method));
  return {
    range,
    previousRange: before,
    trend: grid,
    services: tagValues(all, 'service'),
    methods: tagValues(all, 'method'),
    endpoints,
  };
}
