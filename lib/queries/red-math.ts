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
  const s = summarize(rows, (range.to - range.from) / 1000, 'distribution');
  const errors = serverErrors(rows, failed, 'distribution');
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
  let timed = 0;
  const ok: Uint8Array[] = [];
  for (const r of durationRows) {
    timed += r.count;
    if (!failed.has(r.seriesId) && r.sketch) ok.push(r.sketch);
  }
  const sketch = mergeSketches(ok);
  const satisfied = sketch.countAtMost(apdexT);
  const tolerating = sketch.countAtMost(4 * apdexT) - satisfied;
  // Failed requests are outside `ok`, so they land here.
  const frustrated = timed - satisfied - tolerating;
  return {
    t: apdexT,
    score: timed ? (satisfied + tolerating / 2) / timed : null,
    satisfied,
    tolerating,
    frustrated,
  };
}
