/**
 * The request numbers every view computes alike from rollup rows of request series: requests,
 * req/s, 5xx errors (the rows of the failed series, those with status class 5xx), the error
 * rate, latency percentiles and Apdex. Apdex counts a request satisfied at ≤ T, tolerating at
 * ≤ 4T, and frustrated above that or when it failed with a 5xx (as New Relic and Elastic do);
 * thresholds are resolved to within a sketch bin (1% of T).
 */
import { SERVER_ERROR } from '../metrics';
import { mergeSketches, type Range, type RollupSlice, type SeriesRef } from '../rollup';
import { summarize } from './stats';

export type RequestStats = {
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
  /** Time spent answering: the durations' sum, in ms (requests × their mean). */
  time: number;
};

export type Apdex = { t: number; score: number | null; satisfied: number; tolerating: number; frustrated: number };

/** The ids of the series that answered with a server error (status class 5xx). */
export function failedSeries(series: readonly SeriesRef[]): Set<number> {
  return new Set(series.filter((s) => s.dims.status_class === SERVER_ERROR).map((s) => s.id));
}

/**
 * The requests in rows of `failed` series: their values' count for duration series (each
 * request is one value), their summed value for request counters.
 */
export function serverErrors(
  rows: readonly RollupSlice[],
  failed: ReadonlySet<number>,
  kind: 'distribution' | 'counter',
): number {
  let errors = 0;
  for (const r of rows) if (failed.has(r.seriesId)) errors += kind === 'counter' ? r.sum : r.count;
  return errors;
}

/** errors ÷ requests; null without requests. */
export function errorRate(errors: number, requests: number): number | null {
  return requests ? errors / requests : null;
}

/** Requests, errors, percentiles and max of request duration rows over a range. */
export function requestStats(rows: readonly RollupSlice[], failed: ReadonlySet<number>, range: Range): RequestStats {
  return requestStatsApart(
    rows,
    rows.filter((r) => failed.has(r.seriesId)),
    range,
  );
}

/**
 * requestStats with the 5xx read apart: `rows` hold every request (the metric's total series
 * may stand for its series), `failedRows` those of the failed series alone, over the same range.
 */
export function requestStatsApart(
  rows: readonly RollupSlice[],
  failedRows: readonly RollupSlice[],
  range: Range,
): RequestStats {
  const s = summarize(rows, (range.to - range.from) / 1000, 'distribution');
  let errors = 0;
  for (const r of failedRows) errors += r.count;
  return {
    requests: s.count,
    rate: s.rate,
    errors,
    errorRate: errorRate(errors, s.count),
    p50: s.p50,
    p95: s.p95,
    p99: s.p99,
    max: s.max,
    time: s.sum,
  };
}

/** Apdex(T) of request duration rows; rows of `failed` series (5xx) count as frustrated. */
export function apdexOf(durationRows: readonly RollupSlice[], failed: ReadonlySet<number>, apdexT: number): Apdex {
  return apdexApart(
    durationRows,
    durationRows.filter((r) => failed.has(r.seriesId)),
    apdexT,
  );
}

/**
 * apdexOf with the 5xx read apart, as in requestStatsApart. Sketch bins add up exactly, so the
 * failed requests' bins are taken off the merged whole's.
 */
export function apdexApart(rows: readonly RollupSlice[], failedRows: readonly RollupSlice[], apdexT: number): Apdex {
  const all = mergeSketches(sketchesOf(rows));
  const failed = mergeSketches(sketchesOf(failedRows));
  let timed = 0;
  for (const r of rows) timed += r.count;
  const satisfied = all.countAtMost(apdexT) - failed.countAtMost(apdexT);
  const tolerating = all.countAtMost(4 * apdexT) - failed.countAtMost(4 * apdexT) - satisfied;
  // Failed requests are taken off the first two, so they land here.
  const frustrated = timed - satisfied - tolerating;
  return {
    t: apdexT,
    score: timed ? (satisfied + tolerating / 2) / timed : null,
    satisfied,
    tolerating,
    frustrated,
  };
}

function* sketchesOf(rows: readonly RollupSlice[]): Iterable<Uint8Array> {
  for (const r of rows) if (r.sketch) yield r.sketch;
}
