/**
 * A project's series against the per-project limit, and what went past it: once a project has
 * as many series as the limit, the points of new series go to one overflow series per metric
 * (tags {"overflow":"true"}, lib/rollup/registry.ts), so a cardinality explosion costs one series
 * per metric instead of a slow database. This is the warning that shows it (Settings → Projects).
 */
import type { Db } from '../db/client';
import { DEFAULT_SERIES_LIMIT, OVERFLOW_DIMS, TOTAL_DIMS } from '../rollup';
import { DAY_MS } from '../rollup';

export type SeriesUsage = {
  /** The project's series (per-metric totals and overflow series left out). */
  series: number;
  limit: number;
  /** Points sent to overflow series over the last 24 hours, and the metrics they came under. */
  overflow: { points: number; metrics: string[] };
};

export async function seriesUsage(db: Db, projectId: string, now = Date.now()): Promise<SeriesUsage> {
  const [series, overflowSeries] = await Promise.all([
    db.series.count({ where: { projectId, dims: { notIn: [TOTAL_DIMS, OVERFLOW_DIMS] } } }),
    db.series.findMany({ where: { projectId, dims: OVERFLOW_DIMS }, select: { id: true, name: true } }),
  ]);
  const usage: SeriesUsage = { series, limit: DEFAULT_SERIES_LIMIT, overflow: { points: 0, metrics: [] } };
  if (overflowSeries.length === 0) return usage;
  // Minute rows (partial or folded) of the last day: each counts its points once.
  const sums = await db.rollup.groupBy({
    by: ['seriesId'],
    where: { seriesId: { in: overflowSeries.map((s) => s.id) }, resolution: 60, bucket: { gte: BigInt(now - DAY_MS) } },
    _sum: { count: true },
  });
  const names = new Map(overflowSeries.map((s) => [s.id, s.name]));
  const metrics = new Set<string>();
  for (const row of sums) {
    const points = row._sum.count ?? 0;
    if (points <= 0) continue;
    usage.overflow.points += points;
    metrics.add(names.get(row.seriesId)!);
  }
  usage.overflow.metrics = [...metrics].sort();
  return usage;
}

/** A metric a project reports: its name, kind and unit (as its first series has them). */
export type ProjectMetric = { name: string; kind: string; unit: string | null };

/** The metrics of a project's series, by name (totals and overflow series left out). */
export async function projectMetrics(db: Db, projectId: string): Promise<ProjectMetric[]> {
  return db.series.findMany({
    where: { projectId, dims: { notIn: [TOTAL_DIMS, OVERFLOW_DIMS] } },
    distinct: ['name'],
    select: { name: true, kind: true, unit: true },
    orderBy: { name: 'asc' },
  });
}
