/**
 * Which rollup rows answer a range: the coarsest final rows that fit inside it, finer ones at
 * the edges. A 30-day range reads whole days, the hours at its two ends and the minutes of the
 * open hour, so its cost does not grow with the data behind it. Rows of different resolutions
 * never overlap, so their counts and sketches add up exactly.
 */
import type { Db } from '../db/client';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../rollup/compact';
import type { Range } from './series';

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

export async function builtUntil(db: Db): Promise<Built> {
  const rows = await db.compaction.findMany({ where: { resolution: { in: [3600, 86400] } } });
  const until = (r: number) => Number(rows.find((row) => row.resolution === r)?.until ?? 0);
  return { 3600: until(3600), 86400: until(86400) };
}

export type RollupSlice = {
  seriesId: number;
  bucket: number | bigint;
  count: number;
  sum: number;
  min: number;
  max: number;
  sketch: Uint8Array | null;
};

/** The rows of these series that the segments cover. */
export async function readRollups(db: Db, seriesIds: number[], segments: Segment[]): Promise<RollupSlice[]> {
  if (seriesIds.length === 0 || segments.length === 0) return [];
  return db.rollup.findMany({
    where: {
      seriesId: { in: seriesIds },
      OR: segments.map((s) => ({ resolution: s.resolution, bucket: { gte: s.from, lt: s.to } })),
    },
    select: { seriesId: true, bucket: true, count: true, sum: true, min: true, max: true, sketch: true },
  });
}

/** Rows for a range, read at the coarsest resolution that fits. */
export async function rollupsFor(db: Db, seriesIds: number[], range: Range, coarsest = 86400) {
  if (seriesIds.length === 0) return [];
  return readRollups(db, seriesIds, plan(range, await builtUntil(db), coarsest));
}
