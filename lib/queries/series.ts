/**
 * Which series a query reads: a project's metric, narrowed by equality filters on tags. Series
 * are few (bounded per project), so the tag match runs here rather than in SQL over JSON.
 */
import type { Db } from '../db/client';
import { TOTAL_DIMS } from '../ingest/writer';
import type { SeriesSet } from './plan';

export type Filters = Record<string, string>;
export type Range = { from: number; to: number };
export type SeriesRef = { id: number; kind: string; unit: string | null; dims: Record<string, string> };

function parseDims(dims: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(dims);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export async function findSeries(
  db: Db,
  projectId: string,
  metric: string,
  filters: Filters = {},
): Promise<SeriesRef[]> {
  const rows = await db.series.findMany({
    where: { projectId, name: metric, NOT: { dims: TOTAL_DIMS } },
    select: { id: true, kind: true, unit: true, dims: true },
  });
  const wanted = Object.entries(filters);
  return rows.map((r) => ({ ...r, dims: parseDims(r.dims) })).filter((r) => wanted.every(([k, v]) => r.dims[k] === v));
}

/** The series a query reads, with the metric's total series when no filter narrows them. */
export async function seriesSet(
  db: Db,
  projectId: string,
  metric: string,
  filters: Filters,
): Promise<{ series: SeriesRef[]; set: SeriesSet }> {
  const series = await findSeries(db, projectId, metric, filters);
  let total: number | null = null;
  if (Object.keys(filters).length === 0 && series.length > 1) {
    const row = await db.series.findFirst({
      where: { projectId, name: metric, dims: TOTAL_DIMS },
      select: { id: true },
    });
    total = row?.id ?? null;
  }
  return { series, set: { ids: series.map((s) => s.id), total } };
}
