/**
 * Rate, errors and Apdex for request series (what POST /api/v1/requests fans out): requests
 * and 5xx from the request counter, Apdex(T) from the duration sketches. Apdex counts a request
 * satisfied at ≤ T, tolerating at ≤ 4T, and frustrated above that or when it failed with a 5xx
 * (as New Relic and Elastic do); thresholds are resolved to within a sketch bin (1% of T).
 */
import type { Db } from '../db/client';
import { RED_METRICS, statusClass } from '../metrics';
import { mergeSketches } from '../rollup';
import { rollupsFor, type RollupSlice } from '../rollup';
import { findSeries, type Filters, type Range } from '../rollup';

export type Red = {
  requests: number;
  /** Requests per second over the range. */
  rate: number;
  errors: number;
  /** 5xx ÷ requests; null without requests. */
  errorRatio: number | null;
  apdex: { t: number; score: number | null; satisfied: number; tolerating: number; frustrated: number };
};

const SERVER_ERROR = statusClass(500);

export async function getRed(db: Db, projectId: string, filters: Filters, range: Range, apdexT = 500): Promise<Red> {
  const [counters, durations] = await Promise.all([
    findSeries(db, projectId, RED_METRICS.requests, filters),
    findSeries(db, projectId, RED_METRICS.duration, filters),
  ]);
  const failed = new Set(
    [...counters, ...durations].filter((s) => s.dims.status_class === SERVER_ERROR).map((s) => s.id),
  );
  // Per series, never the totals: 5xx series are told apart.
  const [counterRows, durationRows] = await Promise.all([
    rollupsFor(db, { ids: counters.map((s) => s.id), total: null }, range),
    rollupsFor(db, { ids: durations.map((s) => s.id), total: null }, range),
  ]);
  let requests = 0;
  let errors = 0;
  for (const r of counterRows) {
    requests += r.sum;
    if (failed.has(r.seriesId)) errors += r.sum;
  }
  const apdex = apdexOf(durationRows, failed, apdexT);
  return {
    requests,
    rate: requests / ((range.to - range.from) / 1000),
    errors,
    errorRatio: requests ? errors / requests : null,
    apdex,
  };
}

/** Apdex(T) of request duration rows; rows of `failed` series (5xx) count as frustrated. */
export function apdexOf(
  durationRows: readonly RollupSlice[],
  failed: ReadonlySet<number>,
  apdexT: number,
): Red['apdex'] {
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
