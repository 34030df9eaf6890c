/**
 * Which rollup rows answer a range: the coarsest final rows that fit inside it, finer ones at
 * the edges. A 30-day range reads whole days, the hours at its two ends and the minutes of the
 * open hour, so its cost does not grow with the data behind it. Rows of different resolutions
 * never overlap, so their counts and sketches add up exactly.
 */
import { providerOf, type Db } from '../db/client';
import { selectRows } from '../db/select';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../time';
import type { StoredRollup } from './rows';
import type { Range, SeriesSet } from './series';

/** A resolution (bucket width in seconds) and the bucket starts it covers: [from, to). */
export type Segment = { resolution: number; from: number; to: number };

/** How far hour and day rows are built (the Compaction watermarks); none built: 0. */
export type Built = { 3600: number; 86400: number };

const COARSE = [86400, 3600] as const;

/** Segments covering [range.from, range.to), no coarser than `coarsest` seconds. */
export function plan(range: Range, built: Built, coarsest = 86400): Segment[] {
  const levels = COARSE.filter((r) => r <= coarsest);
  return cover(range.from, range.to, levels, built);
}

function cover(a: number, b: number, levels: readonly (3600 | 86400)[], built: Built): Segment[] {
  if (a >= b) return [];
  const [level, ...finer] = levels;
  if (level === undefined) return [{ resolution: 60, from: Math.floor(a / MINUTE_MS) * MINUTE_MS, to: b }];
  const width = level === 86400 ? DAY_MS : HOUR_MS;
  const start = Math.ceil(a / width) * width;
  const end = Math.min(Math.floor(b / width) * width, built[level]);
  if (end <= start) return cover(a, b, finer, built);
  return [
    ...cover(a, start, finer, built),
    { resolution: level, from: start, to: end },
    ...cover(end, b, finer, built),
  ];
}

/** How far each level is built (the Compaction watermarks; 0 where nothing is). */
export async function watermarks(db: Db): Promise<{ series: Built; totals: Built }> {
  const rows = await db.compaction.findMany({ select: { level: true, until: true } });
  const until = (level: string) => Number(rows.find((r) => r.level === level)?.until ?? 0);
  return {
    series: { 3600: until('hour'), 86400: until('day') },
    totals: { 3600: until('hour-total'), 86400: until('day-total') },
  };
}

export type RollupSlice = StoredRollup;

/**
 * The rows answering a range at the coarsest resolution that fits: hour and day rows of the
 * total series when there is one (one row per bucket, however many series), the series' own
 * rows otherwise and for minutes.
 */
export async function rollupsFor(db: Db, set: SeriesSet, range: Range, coarsest = 86400): Promise<RollupSlice[]> {
  if (set.ids.length === 0) return [];
  const marks = await watermarks(db);
  const useTotal = set.total !== null;
  const segments = plan(range, useTotal ? marks.totals : marks.series, coarsest);
  if (segments.length === 0) return [];
  const params: unknown[] = [];
  const where = segments.map((s) => {
    const ids = useTotal && s.resolution !== 60 ? [set.total!] : set.ids;
    params.push(...ids, s.resolution, s.from, s.to);
    return `("seriesId" IN (${ids.map(() => '?').join(',')}) AND "resolution" = ? AND "bucket" >= ? AND "bucket" < ?)`;
  });
  const rows = await selectRows(
    db,
    providerOf(db),
    `SELECT "seriesId", "bucket", "count", "sum", "min", "max", "sketch" FROM "Rollup" WHERE ${where.join(' OR ')}`,
    params,
  );
  return rows.map(([seriesId, bucket, count, sum, min, max, sketch]) => ({
    seriesId: Number(seriesId),
    bucket: Number(bucket),
    count: Number(count),
    sum: Number(sum),
    min: Number(min),
    max: Number(max),
    sketch: (sketch as Uint8Array | null) ?? null,
  }));
}
