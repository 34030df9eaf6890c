/**
 * Series: a project's metric with one combination of tags. Their identity (a hash of project,
 * name and canonical tags), the special tag sets (a metric's total series, built by compaction;
 * the overflow series past a project's series limit), and how readers find them: a metric
 * narrowed by equality filters on tags. Series are few (bounded per project), so the tag match
 * runs here rather than in SQL over JSON.
 */
import { createHash } from 'node:crypto';
import type { Db, Tx } from '../db/client';
import { insertRows, ROWS_PER_STATEMENT } from '../db/sql';
import type { DbProvider } from '../db/url';

/** Where points of new series go once a project has DEFAULT_SERIES_LIMIT series: one per metric. */
export const OVERFLOW_DIMS = '{"overflow":"true"}';
/** Distinct series a project may have; past it, points go to one overflow series per metric. */
export const DEFAULT_SERIES_LIMIT = 10_000;
/** A metric's total series (all its series merged), built by compaction. No tag key can be `*`. */
export const TOTAL_DIMS = '{"*":"total"}';

/** The identity of a series: project, metric name and its tags in canonical (sorted) JSON. */
export function seriesKey(projectId: string, name: string, dims: string): string {
  return createHash('sha256').update(`${projectId}\0${name}\0${dims}`).digest('hex');
}

/** A project's metric, as its total series is made from any of its series. */
export type MetricOf = { projectId: string; name: string; kind: string; unit: string | null };

/** The key of a metric's total series. */
export const totalKey = (m: Pick<MetricOf, 'projectId' | 'name'>) => seriesKey(m.projectId, m.name, TOTAL_DIMS);

/**
 * The total series of each metric given, created when missing (by compaction and the history
 * writer, perhaps at once: the first insert wins, the other finds its row), by totalKey.
 */
export async function totalSeries(
  db: Db | Tx,
  provider: DbProvider,
  metrics: readonly MetricOf[],
): Promise<Map<string, number>> {
  const byKey = new Map(metrics.map((m) => [totalKey(m), m]));
  const keys = [...byKey.keys()];
  const out = new Map<string, number>();
  for (let i = 0; i < keys.length; i += ROWS_PER_STATEMENT) {
    const chunk = keys.slice(i, i + ROWS_PER_STATEMENT);
    await insertRows(
      db,
      provider,
      'Series',
      ['projectId', 'name', 'kind', 'unit', 'dims', 'key'],
      chunk.map((key) => {
        const m = byKey.get(key)!;
        return [m.projectId, m.name, m.kind, m.unit, TOTAL_DIMS, key];
      }),
      ' ON CONFLICT ("key") DO NOTHING',
    );
    const found = await db.series.findMany({ where: { key: { in: chunk } }, select: { id: true, key: true } });
    for (const f of found) out.set(f.key, f.id);
  }
  return out;
}

export function canonicalDims(tags: Record<string, string>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/**
 * A point's tags as sent, as one string: a cache key for its series identity, cheaper than
 * JSON.stringify per point. Tag keys and values never hold control characters (lib/ingest/schema.ts),
 * so the separators cannot be confused with their text.
 */
export function tagsAsSent(tags: Record<string, string> | undefined): string {
  let out = '';
  for (const key in tags) out += key + '\u0000' + tags[key] + '\u0001';
  return out;
}

/** What a query reads: series, and the metric's total series when all of them are wanted. */
export type SeriesSet = { ids: number[]; total: number | null };

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
