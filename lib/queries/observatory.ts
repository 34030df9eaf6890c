/**
 * The Observatory view's read (the dashboard home): for a project and a range, and the period
 * before when comparing, the service-level numbers against the project's goals (response time
 * p50/p95/p99 over every request series merged, throughput, 5xx error rate, Apdex), active users
 * (distinct page loads sending beacons in the last 5 minutes), CPU and memory from the gauges
 * the project reports, latency percentiles and throughput + errors over time (at most 300
 * steps), the Core Web Vitals from the Web Vitals view's read, and the infrastructure and
 * business metrics among the known ones that the project reports. Request numbers come from
 * the duration series (each request is one value in them), as the Endpoints view reads them,
 * so the two views agree.
 */
import { providerOf, type Db } from '../db/client';
import { selectRows } from '../db/select';
import { performanceScore, RED_METRICS } from '../metrics';
import type { RollupSlice } from '../rollup';
import { findSeries, seriesSet, type Range, type SeriesRef } from '../rollup';
import { BUSINESS_METRICS, CPU, INFRASTRUCTURE_METRICS, MEMORY, type Combine, type KnownMetric } from '../metrics';
import { seriesUnit, unitFactor } from '../metrics';
import { DEFAULT_GOALS, type Goals } from '../goals/definitions';
import { previousRange } from '../views/period';
import { apdexApart, failedSeries, requestStatsApart } from './red-math';
import { bySteps, gridFor, previousGrid, rollupsForView, stepFor } from './steps';
import { getWebVitals, type VitalSummary } from './web-vitals';

export type { Combine, KnownMetric };

/** The Apdex threshold T (ms): the default p95 goal's target. */
export const APDEX_T = 500;
/** Active users: distinct page loads with a beacon in this window before now. */
export const ACTIVE_WINDOW_MS = 5 * 60_000;
/** Steps of the charts: at most this many. */
export const CHART_POINTS = 300;
/** Steps of a metric's trend line. */
export const METRIC_TREND_STEPS = 30;

export type MetricSummary = Omit<KnownMetric, 'names'> & {
  /** The metric name read. */
  name: string;
  /** Gauges: the last step with samples; counters: the total over the range; distributions: the average. */
  latest: number | null;
  /** Over the range: gauges and distributions their combined average, counters their total. */
  value: number | null;
  /** `value` over the period before; null when not comparing. */
  previous: number | null;
  /** METRIC_TREND_STEPS values (null in a step without samples), from `trendStart` by `trendStep`. */
  trend: (number | null)[];
};

/**
 * A number and, when comparing, the same over the period before, with the counts each was
 * computed from (requests, page loads): the view shows no change from too few (MIN_COMPARE_SAMPLES).
 * `counts` is null when not comparing, except the score's, which says how many page loads it rests on.
 */
export type Change = {
  value: number | null;
  previous: number | null;
  counts: { now: number; before: number } | null;
};

/** `previousP95`, `previousRate`: the same step of the period before (null when not comparing or without requests). */
export type LatencyPoint = {
  t: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  previousP95: number | null;
};
export type TrafficPoint = {
  t: number;
  requests: number;
  rate: number;
  errors: number;
  errorRate: number | null;
  previousRate: number | null;
};

export type Observatory = {
  range: Range;
  previousRange: Range | null;
  /** The project's goals the numbers are judged against (lib/goals), as the caller passed them. */
  goals: Goals;
  apdexT: number;
  requests: Change;
  p50: Change;
  p95: Change;
  p99: Change;
  /** Requests per second. */
  throughput: Change;
  /** 5xx ÷ requests. */
  errorRate: Change;
  apdex: Change;
  /** Distinct page loads in the 5 minutes before `activeAt`, and in the 5 minutes before those. */
  activeUsers: Change;
  activeAt: number;
  /** Null when the project reports no such gauge. */
  cpu: MetricSummary | null;
  memory: MetricSummary | null;
  step: number;
  latency: LatencyPoint[];
  traffic: TrafficPoint[];
  vitals: VitalSummary[];
  /** 0-100 from the p75 vitals; previous: the period before's. */
  score: Change;
  trendStart: number;
  trendStep: number;
  /** The known metrics the project reports, in the lists' order. */
  infrastructure: MetricSummary[];
  business: MetricSummary[];
};

/** The request numbers of the KPI cards: as the Endpoints view reads them, and Apdex. */
function requestNumbers(rows: readonly RollupSlice[], failedRows: readonly RollupSlice[], range: Range) {
  return { ...requestStatsApart(rows, failedRows, range), apdex: apdexApart(rows, failedRows, APDEX_T).score };
}

/** One number from a metric's rows (see Combine). */
export function combine(rows: readonly RollupSlice[], how: Combine): number | null {
  if (rows.length === 0) return null;
  let count = 0;
  let sum = 0;
  for (const r of rows) {
    count += r.count;
    sum += r.sum;
  }
  if (how === 'total') return sum;
  if (how === 'mean' || how === 'average') return count ? sum / count : null;
  const perSeries = new Map<number, { count: number; sum: number }>();
  for (const r of rows) {
    const s = perSeries.get(r.seriesId) ?? { count: 0, sum: 0 };
    s.count += r.count;
    s.sum += r.sum;
    perSeries.set(r.seriesId, s);
  }
  let total = 0;
  for (const s of perSeries.values()) if (s.count) total += s.sum / s.count;
  return total;
}

async function activePages(db: Db, projectId: string, from: number, to: number): Promise<number> {
  const [row] = await selectRows(
    db,
    providerOf(db),
    `SELECT COUNT(DISTINCT "pageId") FROM "PageActivity" WHERE "projectId" = ? AND "ts" >= ? AND "ts" < ?`,
    [projectId, from, to],
  );
  return Number(row?.[0] ?? 0);
}

export async function getObservatory(
  db: Db,
  projectId: string,
  range: Range,
  { compare = false, now = Date.now(), goals = DEFAULT_GOALS }: { compare?: boolean; now?: number; goals?: Goals } = {},
): Promise<Observatory> {
  const before = compare ? previousRange(range) : null;

  // Requests: the range, its steps and the period before, from the duration series: all of
  // them through the metric's total series (one row per hour or day, however many routes),
  // the 5xx series apart for errors and Apdex (few rows: only where a request failed).
  const { series: durations, set: requestSet } = await seriesSet(db, projectId, RED_METRICS.duration, {});
  const failedSet = { ids: [...failedSeries(durations)], total: null };
  const grid = gridFor(range, stepFor(range, CHART_POINTS));

  // Known metrics: the first name of each that the project reports.
  const known = [...INFRASTRUCTURE_METRICS, ...BUSINESS_METRICS];
  const found = await Promise.all(
    known.map(async (m) => {
      for (const name of m.names) {
        const series = await findSeries(db, projectId, name);
        if (series.length) return { metric: m, name, series };
      }
      return null;
    }),
  );
  const reported = found.filter((f): f is { metric: KnownMetric; name: string; series: SeriesRef[] } => f !== null);
  const metricOf = new Map<number, number>();
  reported.forEach((f, i) => f.series.forEach((s) => metricOf.set(s.id, i)));
  // Ratios come in `1` or `%` per series: each is read in its metric's catalogue unit.
  const factorOf = new Map(
    reported.flatMap((f) => f.series.map((s) => [s.id, unitFactor(seriesUnit(f.name, s.unit), f.metric.unit)])),
  );
  const metricSet = { ids: [...metricOf.keys()], total: null };
  const trendGrid = gridFor(range, stepFor(range, METRIC_TREND_STEPS));

  const [
    [rows, stepRows, previousRows, previousStepRows],
    [failedRows, failedStepRows, failedPreviousRows, failedPreviousStepRows],
    [metricRows, metricTrendRows, metricPreviousRows],
    vitals,
    active,
    activeBefore,
  ] = await Promise.all([
    rollupsForView(db, requestSet, range, grid, before),
    rollupsForView(db, failedSet, range, grid, before),
    rollupsForView(db, metricSet, range, trendGrid, before, { beforeSteps: false }),
    getWebVitals(db, projectId, {}, range, { compare }),
    activePages(db, projectId, now - ACTIVE_WINDOW_MS, now),
    activePages(db, projectId, now - 2 * ACTIVE_WINDOW_MS, now - ACTIVE_WINDOW_MS),
  ]);

  const current = requestNumbers(rows, failedRows, range);
  const previous = before ? requestNumbers(previousRows, failedPreviousRows, before) : null;
  const counts = previous ? { now: current.requests, before: previous.requests } : null;
  const change = (k: keyof typeof current): Change => ({
    value: current[k],
    previous: previous ? previous[k] : null,
    counts,
  });

  const latency: LatencyPoint[] = [];
  const traffic: TrafficPoint[] = [];
  const beforeGrid = previousGrid(range, grid);
  // No line for a period before that holds no requests at all: a flat zero would read as "it was quiet".
  const beforeSteps = previous && previous.requests > 0 ? bySteps(previousStepRows, beforeGrid) : null;
  const failedBeforeSteps = bySteps(failedPreviousStepRows, beforeGrid);
  const failedSteps = bySteps(failedStepRows, grid);
  bySteps(stepRows, grid).forEach((list, i) => {
    const t = grid.start + i * grid.step;
    const n = requestStatsApart(list, failedSteps[i]!, { from: t, to: t + grid.step });
    const tBefore = beforeGrid.start + i * grid.step;
    const b = beforeSteps
      ? requestStatsApart(beforeSteps[i]!, failedBeforeSteps[i]!, { from: tBefore, to: tBefore + grid.step })
      : null;
    latency.push({ t, p50: n.p50, p95: n.p95, p99: n.p99, previousP95: b?.p95 ?? null });
    traffic.push({
      t,
      requests: n.requests,
      rate: n.rate,
      errors: n.errors,
      errorRate: n.errorRate,
      previousRate: b ? b.rate : null,
    });
  });

  const groupByMetric = (list: readonly RollupSlice[]) => {
    const out = reported.map((): RollupSlice[] => []);
    for (const r of list) {
      const i = metricOf.get(r.seriesId);
      const k = factorOf.get(r.seriesId) ?? 1;
      if (i !== undefined) out[i]!.push(k === 1 ? r : { ...r, sum: r.sum * k, min: r.min * k, max: r.max * k });
    }
    return out;
  };
  const metricNow = groupByMetric(metricRows);
  const metricTrend = groupByMetric(metricTrendRows);
  const metricBefore = groupByMetric(metricPreviousRows);
  const summaries = reported.map((f, i): MetricSummary => {
    const { names: _names, ...metric } = f.metric;
    const trend = bySteps(metricTrend[i]!, trendGrid).map((l) => combine(l, metric.combine));
    const value = combine(metricNow[i]!, metric.combine);
    const last = [...trend].reverse().find((v) => v !== null) ?? null;
    return {
      ...metric,
      name: f.name,
      latest: metric.combine === 'total' || metric.combine === 'average' ? value : last,
      value,
      previous: before ? combine(metricBefore[i]!, metric.combine) : null,
      trend,
    };
  });
  const summaryOf = (m: KnownMetric) => summaries.find((s) => s.key === m.key) ?? null;
  const infraKeys = new Set(INFRASTRUCTURE_METRICS.map((m) => m.key));

  const previousVitals = vitals.previousRange
    ? Object.fromEntries(vitals.vitals.map((v) => [v.vital, v.previous?.value ?? null]))
    : null;
  // The score's weight is in page loads: LCP is measured once per load.
  const lcp = vitals.vitals.find((v) => v.vital === 'LCP');

  return {
    range,
    previousRange: before,
    goals,
    apdexT: APDEX_T,
    requests: change('requests'),
    p50: change('p50'),
    p95: change('p95'),
    p99: change('p99'),
    throughput: change('rate'),
    errorRate: change('errorRate'),
    apdex: change('apdex'),
    activeUsers: {
      value: active,
      previous: compare ? activeBefore : null,
      counts: compare ? { now: active, before: activeBefore } : null,
    },
    activeAt: now,
    cpu: summaryOf(CPU),
    memory: summaryOf(MEMORY),
    step: grid.step,
    latency,
    traffic,
    vitals: vitals.vitals,
    score: {
      value: vitals.score,
      previous: previousVitals ? performanceScore(previousVitals) : null,
      counts: { now: lcp?.count ?? 0, before: lcp?.previous?.count ?? 0 },
    },
    trendStart: trendGrid.start,
    trendStep: trendGrid.step,
    infrastructure: summaries.filter((s) => infraKeys.has(s.key)),
    business: summaries.filter((s) => !infraKeys.has(s.key)),
  };
}
