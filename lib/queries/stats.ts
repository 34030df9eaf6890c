/**
 * Statistics over a range from the rollups (the coarsest that fit, see plan.ts): count, rate,
 * avg, min, max and percentiles from merged DDSketches (1% relative accuracy). Raw points are
 * never scanned.
 */
import type { Db } from '../db/client';
import { foldRows } from '../rollup';
import { quantile } from '../rollup';
import { rollupsFor, type RollupSlice } from '../rollup';
import { seriesSet, type Filters, type Range } from '../rollup';

export const PERCENTILES = { p50: 0.5, p75: 0.75, p90: 0.9, p95: 0.95, p99: 0.99 } as const;

export type Stats = {
  count: number;
  /** Events per second over the range (counters: their summed value per second). */
  rate: number;
  sum: number;
  avg: number | null;
  min: number | null;
  max: number | null;
} & Record<keyof typeof PERCENTILES, number | null>;

export function summarize(
  rows: readonly Omit<RollupSlice, 'seriesId' | 'bucket'>[],
  seconds: number,
  kind: string,
): Stats {
  const { count, sum, min, max, sketch: merged } = foldRows(rows);
  const pct = (q: number) => (merged && count ? quantile(merged, q, { min, max }) : null);
  return {
    count,
    rate: seconds > 0 ? (kind === 'counter' ? sum : count) / seconds : 0,
    sum,
    avg: count ? sum / count : null,
    min: count ? min : null,
    max: count ? max : null,
    p50: pct(PERCENTILES.p50),
    p75: pct(PERCENTILES.p75),
    p90: pct(PERCENTILES.p90),
    p95: pct(PERCENTILES.p95),
    p99: pct(PERCENTILES.p99),
  };
}

export async function getStats(
  db: Db,
  projectId: string,
  metric: string,
  filters: Filters,
  range: Range,
): Promise<Stats> {
  const { series, set } = await seriesSet(db, projectId, metric, filters);
  const rows = await rollupsFor(db, set, range);
  return summarize(rows, (range.to - range.from) / 1000, series[0]?.kind ?? 'gauge');
}
