/**
 * A metric over time: the range cut into about `points` steps of a round width (1, 2, 5, 10,
 * 15, 30 minutes, 1, 2, 3, 6, 12 hours, days), each step read from the coarsest rollups that
 * divide it. Steps are aligned to the epoch (UTC), so the first one may start before `from`.
 */
import type { Db } from '../db/client';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../rollup';
import { rollupsFor, type RollupSlice } from '../rollup';
import { seriesSet, type Filters, type Range } from '../rollup';
import { summarize, type Stats } from './stats';

export type TimeseriesPoint = { t: number } & Stats;

const ROUND_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720].map((m) => m * MINUTE_MS);

/** The smallest round step that cuts the range into at most `points` steps. */
export function stepFor(range: Range, points: number): number {
  const raw = (range.to - range.from) / points;
  return ROUND_STEPS.find((s) => s >= raw) ?? Math.ceil(raw / DAY_MS) * DAY_MS;
}

/** The coarsest rollup resolution (seconds) whose buckets tile a step. */
export function resolutionFor(step: number): number {
  if (step % DAY_MS === 0) return 86400;
  if (step % HOUR_MS === 0) return 3600;
  return 60;
}

export async function getTimeseries(
  db: Db,
  projectId: string,
  metric: string,
  filters: Filters,
  range: Range,
  options: { points?: number; step?: number } = {},
): Promise<{ step: number; points: TimeseriesPoint[] }> {
  const step = options.step ?? stepFor(range, options.points ?? 300);
  const start = Math.floor(range.from / step) * step;
  const { series, set } = await seriesSet(db, projectId, metric, filters);
  const rows = await rollupsFor(db, set, { from: start, to: range.to }, resolutionFor(step));
  const buckets = new Map<number, RollupSlice[]>();
  for (const r of rows) {
    const t = start + Math.floor((Number(r.bucket) - start) / step) * step;
    const list = buckets.get(t);
    if (list) list.push(r);
    else buckets.set(t, [r]);
  }
  const kind = series[0]?.kind ?? 'gauge';
  const out: TimeseriesPoint[] = [];
  for (let t = start; t < range.to; t += step) out.push({ t, ...summarize(buckets.get(t) ?? [], step / 1000, kind) });
  return { step, points: out };
}

/** Only the named statistics of each point (smaller answers for charts). */
export function pickStats(points: TimeseriesPoint[], names: readonly (keyof Stats)[]) {
  return points.map((p) => Object.fromEntries([['t', p.t], ...names.map((n) => [n, p[n]])]));
}
