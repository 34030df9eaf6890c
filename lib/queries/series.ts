/**
 * Which series a query reads: a project's metric, narrowed by equality filters on tags. Series
 * are few (bounded per project), so the tag match runs here rather than in SQL over JSON.
 */
import type { Db } from '../db/client';

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
    where: { projectId, name: metric },
    select: { id: true, kind: true, unit: true, dims: true },
  });
  const wanted = Object.entries(filters);
  return rows.map((r) => ({ ...r, dims: parseDims(r.dims) })).filter((r) => wanted.every(([k, v]) => r.dims[k] === v));
}
