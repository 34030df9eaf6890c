/** A metric over time: the range cut into about `points` steps (whole minutes), stats per step. */
import type { Db } from '../db/client';
import { MINUTE } from '../ingest/rollup';
import { findSeries, type Filters, type Range } from './series';
import { rollupsFor, summarize, type RollupSlice, type Stats } from './stats';

export type TimeseriesPoint = { t: number } & Stats;

export function stepFor(range: Range, points: number): number {
  const minute = MINUTE * 1000;
  return Math.max(minute, Math.ceil((range.to - range.from) / points / minute) * minute);
}

export async function getTimeseries(
  db: Db,
  projectId: string,
  metric: string,
  filters: Filters,
  range: Range,
  points = 300,
): Promise<{ step: number; points: TimeseriesPoint[] }> {
  const series = await findSeries(db, projectId, metric, filters);
  const rows = await rollupsFor(
    db,
    series.map((s) => s.id),
    range,
  );
  const step = stepFor(range, points);
  const start = Math.floor(range.from / step) * step;
  const buckets = new Map<number, RollupSlice[]>();
  for (const r of rows) {
    const t = start + Math.floor((Number(r.bucket) - start) / step) * step;
    const list = buckets.get(t) ?? [];
    list.push(r);
    buckets.set(t, list);
  }
  const kind = series[0]?.kind ?? 'gauge';
  const out: TimeseriesPoint[] = [];
  for (let t = start; t < range.to; t += step) out.push({ t, ...summarize(buckets.get(t) ?? [], step / 1000, kind) });
  return { step, points: out };
}
