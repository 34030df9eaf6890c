/** The top N values of one tag (e.g. the slowest routes) ordered by a statistic. */
import type { Db } from '../db/client';
import { findSeries, type Filters, type Range } from '../rollup';
import { rollupsFor } from '../rollup';
import { groupRows } from './group';
import { summarize, type Stats } from './stats';

export type TopOrder = 'count' | 'rate' | 'avg' | 'max' | 'p50' | 'p75' | 'p90' | 'p95' | 'p99';
export type TopRow = { value: string } & Stats;

export async function getTop(
  db: Db,
  projectId: string,
  metric: string,
  filters: Filters,
  range: Range,
  { by, order, limit }: { by: string; order: TopOrder; limit: number },
): Promise<TopRow[]> {
  const series = (await findSeries(db, projectId, metric, filters)).filter((s) => s.dims[by] !== undefined);
  const groupOf = new Map(series.map((s) => [s.id, s.dims[by]!]));
  const rows = await rollupsFor(db, { ids: series.map((s) => s.id), total: null }, range);
  const kind = series[0]?.kind ?? 'gauge';
  const seconds = (range.to - range.from) / 1000;
  return [...groupRows(rows, groupOf)]
    .map(([value, list]) => ({ value, ...summarize(list, seconds, kind) }))
    .sort((a, b) => (b[order] ?? -Infinity) - (a[order] ?? -Infinity))
    .slice(0, limit);
}
