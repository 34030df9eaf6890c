/**
 * Folds points into per-bucket aggregates: count, sum, min, max, the latest value and, for
 * distributions, a DDSketch. Pure: the writer stores what this returns.
 */
import { encodeSketch, mergeSketches, newSketch, type Sketch } from './sketch';

export type MetricKind = 'distribution' | 'counter' | 'gauge';

export type RollupRow = {
  seriesId: number;
  resolution: number;
  bucket: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  last: number;
  lastTs: number;
  sketch: Uint8Array | null;
};

export const MINUTE = 60;

/** A stored rollup row as readers and compaction take it (integers may arrive as bigint). */
export type StoredRollup = {
  seriesId: number;
  bucket: number | bigint;
  count: number;
  sum: number;
  min: number;
  max: number;
  sketch: Uint8Array | null;
};

type Open = Omit<RollupRow, 'sketch'> & { sketch: Sketch | null };

/** One row per (series, bucket) for the given points. */
export function rollUp(
  points: Iterable<{ seriesId: number; kind: MetricKind; ts: number; value: number }>,
  resolution = MINUTE,
): RollupRow[] {
  const width = resolution * 1000;
  const open = new Map<string, Open>();
  for (const p of points) {
    const bucket = Math.floor(p.ts / width) * width;
    const id = `${p.seriesId}:${bucket}`;
    let row = open.get(id);
    if (!row) {
      row = {
        seriesId: p.seriesId,
        resolution,
        bucket,
        count: 0,
        sum: 0,
        min: Infinity,
        max: -Infinity,
        last: p.value,
        lastTs: p.ts,
        sketch: p.kind === 'distribution' ? newSketch() : null,
      };
      open.set(id, row);
    }
    row.count += 1;
    row.sum += p.value;
    if (p.value < row.min) row.min = p.value;
    if (p.value > row.max) row.max = p.value;
    if (p.ts >= row.lastTs) {
      row.last = p.value;
      row.lastTs = p.ts;
    }
    row.sketch?.accept(p.value);
  }
  return [...open.values()].map((r) => ({ ...r, sketch: r.sketch ? encodeSketch(r.sketch) : null }));
}

/** A row's values in ROLLUP_COLUMNS order, for a multi-row INSERT. */
export function rollupValues(r: RollupRow): unknown[] {
  return [
    r.seriesId,
    r.resolution,
    r.bucket,
    r.count,
    r.sum,
    r.min,
    r.max,
    r.last,
    r.lastTs,
    r.sketch ? Buffer.from(r.sketch) : null,
  ];
}

/** Stored rows' aggregates added up: count, sum, min, max and their sketches merged (null: none). */
export function foldRows(
  rows: Iterable<{ count: number; sum: number; min: number; max: number; sketch: Uint8Array | null }>,
): { count: number; sum: number; min: number; max: number; sketch: Sketch | null } {
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  const sketches: Uint8Array[] = [];
  for (const r of rows) {
    count += r.count;
    sum += r.sum;
    if (r.min < min) min = r.min;
    if (r.max > max) max = r.max;
    if (r.sketch) sketches.push(r.sketch);
  }
  return { count, sum, min, max, sketch: sketches.length ? mergeSketches(sketches) : null };
}
