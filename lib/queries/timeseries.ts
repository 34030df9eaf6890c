/**
 * A metric over time: the range cut into about `points` steps of a round width (steps.ts), each
 * step read from the coarsest rollups that divide it. Steps are aligned to the epoch (UTC), so
 * the first one may start before `from`.
 */
import type { Db } from '../db/client';
import { seriesSet, type Filters, type Range } from '../rollup';
import { summarize, type Stats } from './stats';
import { bySteps, gridFor, rollupsForSteps, stepFor } from './steps';

export type TimeseriesPoint = { t: number } & Stats;

export async function getTimeseries(
  db: Db,
  projectId: string,
  metric: string,
  filters: Filters,
  range: Range,
  options: { points?: number; step?: number } = {},
): Promise<{ step: number; points: TimeseriesPoint[] }> {
  const step = options.step ?? stepFor(range, options.points ?? 300);
  const grid = gridFor(range, step);
  const { series, set } = await seriesSet(db, projectId, metric, filters);
  const rows = await rollupsForSteps(db, set, range, grid);
  const kind = series[0]?.kind ?? 'gauge';
  const points = bySteps(rows, grid).map((list, i): TimeseriesPoint => ({
    t: grid.start + i * step,
    ...summarize(list, step / 1000, kind),
  }));
  return { step, points };
}

/** Only the named statistics of each point (smaller answers for charts). */
export function pickStats(points: TimeseriesPoint[], names: readonly (keyof Stats)[]) {
  return points.map((p) => Object.fromEntries([['t', p.t], ...names.map((n) => [n, p[n]])]));
}
