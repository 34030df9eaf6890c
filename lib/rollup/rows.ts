/**
 * Folds points into per-bucket aggregates: count, sum, min, max, the latest value and, for
 * distributions, a DDSketch. Pure: the writer stores what this returns.
 */
import { encodeSketch, encodeValues, FEW_VALUES, mergeSketches, newSketch, type Sketch } from './sketch';

/** How a metric's points combine: a sketch of values, a sum, or the last/min/max/avg of samples. */
export const METRIC_KINDS = ['distribution', 'counter', 'gauge'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

/** One point of a metric, as ingestion and the history writer take it. */
export type MetricPoint = {
  name: string;
  kind: MetricKind;
  unit: string | null;
  tags: Record<string, string>;
  ts: number;
  value: number;
  /**
   * How many equal observations a distribution's point stands for, a whole number (default 1):
   * history loaders write a busy minute as a few weighted values (lib/rollup/history.ts).
   * Ingestion never sets it.
   */
  weight?: number;
};

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

/** A row being built; a distribution's values wait in `few` until they are too many for encodeValues. */
type Open = Omit<RollupRow, 'sketch'> & { sketch: Sketch | null; few: number[] | null };

/**
 * One row per bucket for one series' points, given as parallel arrays of timestamps (ms) and
 * values (and, for weighted points, their weights: each counts as that many equal values). A
 * flush's points of a series mostly fall in one or two minutes, so the open rows are a short list
 * searched from its end until they are many.
 */
export function rollUpSeries(
  seriesId: number,
  kind: MetricKind,
  ts: ArrayLike<number>,
  values: ArrayLike<number>,
  resolution = MINUTE,
  weights: ArrayLike<number> | null = null,
): RollupRow[] {
  const width = resolution * 1000;
  const open: Open[] = [];
  // Points spread over many buckets (a backfill) switch to a map, so the search stays O(1).
  let byBucket: Map<number, Open> | null = null;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    const value = values[i]!;
    const bucket = Math.floor(t / width) * width;
    let row: Open | undefined;
    if (byBucket) row = byBucket.get(bucket);
    else {
      for (let j = open.length - 1; j >= 0; j--) {
        if (open[j]!.bucket === bucket) {
          row = open[j];
          break;
        }
      }
    }
    if (!row) {
      row = {
        seriesId,
        resolution,
        bucket,
        count: 0,
        sum: 0,
        min: Infinity,
        max: -Infinity,
        last: value,
        lastTs: t,
        // Weighted values go straight into a sketch: the few-values encoding holds each value once.
        sketch: kind === 'distribution' && weights ? newSketch() : null,
        few: kind === 'distribution' && !weights ? [] : null,
      };
      open.push(row);
      if (byBucket) byBucket.set(bucket, row);
      else if (open.length > 8) byBucket = new Map(open.map((r) => [r.bucket, r]));
    }
    const w = weights ? weights[i]! : 1;
    row.count += w;
    row.sum += value * w;
    if (value < row.min) row.min = value;
    if (value > row.max) row.max = value;
    if (t >= row.lastTs) {
      row.last = value;
      row.lastTs = t;
    }
    if (row.sketch) row.sketch.accept(value, w);
    else if (row.few) {
      row.few.push(value);
      if (row.few.length > FEW_VALUES) {
        row.sketch = newSketch();
        for (const v of row.few) row.sketch.accept(v);
        row.few = null;
      }
    }
  }
  return open.map(({ few, sketch, ...r }) => ({
    ...r,
    sketch: sketch ? encodeSketch(sketch) : few ? encodeValues(few) : null,
  }));
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
