/**
 * Rate, errors and Apdex for request series (what POST /api/v1/requests fans out): requests
 * and 5xx from the request counter, Apdex(T) from the duration sketches (red-math.ts).
 */
import type { Db } from '../db/client';
import { RED_METRICS } from '../metrics';
import { rollupsFor } from '../rollup';
import { findSeries, type Filters, type Range } from '../rollup';
import { apdexOf, errorRate, failedSeries, serverErrors, type Apdex } from './red-math';

export type Red = {
  requests: number;
  /** Requests per second over the range. */
  rate: number;
  errors: number;
  /** 5xx ÷ requests; null without requests. */
  errorRatio: number | null;
  apdex: Apdex;
};

export async function getRed(db: Db, projectId: string, filters: Filters, range: Range, apdexT = 500): Promise<Red> {
  const [counters, durations] = await Promise.all([
    findSeries(db, projectId, RED_METRICS.requests, filters),
    findSeries(db, projectId, RED_METRICS.duration, filters),
  ]);
  const failed = failedSeries([...counters, ...durations]);
  // Per series, never the totals: 5xx series are told apart.
  const [counterRows, durationRows] = await Promise.all([
    rollupsFor(db, { ids: counters.map((s) => s.id), total: null }, range),
    rollupsFor(db, { ids: durations.map((s) => s.id), total: null }, range),
  ]);
  let requests = 0;
  for (const r of counterRows) requests += r.sum;
  const errors = serverErrors(counterRows, failed, 'counter');
  return {
    requests,
    rate: requests / ((range.to - range.from) / 1000),
    errors,
    errorRatio: errorRate(errors, requests),
    apdex: apdexOf(durationRows, failed, apdexT),
  };
}
