/**
 * The hot write path. Requests hand their validated points to submit(), which resolves only
 * after the points are committed (a 2xx means stored). Group commit: while one flush writes,
 * newly arriving batches queue, and the next flush takes them all in one transaction; a flush
 * starts as soon as the writer is free, so no request waits on a timer. Points and rollups go
 * in on the driver under Prisma (lib/db/bulk.ts), not createMany: many times faster on both.
 */
import type { Db } from '../db/client';
import { bulkInsert, type BulkRows, type Column } from '../db/bulk';
import type { DbProvider } from '../db/url';
import { unavailable } from '../http/errors';
import {
  appendPoints,
  hoursBuiltUntil,
  POINT_COLUMNS,
  ROLLUP_TYPED_COLUMNS,
  rollUpSeries,
  rollupValues,
  SeriesRegistry,
  type MetricPoint,
  type PointGroup,
} from '../rollup';

export type IngestPoint = MetricPoint;

export type WriterOptions = {
  /** Points waiting to be written before submit() answers 503 (bounded memory). */
  maxPendingPoints?: number;
  /** Distinct series per project; beyond it points go to one overflow series per metric. */
  seriesLimit?: number;
  /**
   * Called after a flush that staged points for hours compaction has already built (LatePoint):
   * readers see them once compaction has folded them into rollups, so it should run soon.
   */
  onLateWrite?: () => void;
  /** Called after each committed flush with the projects it stored data for (live dashboards). */
  onCommit?: (projectIds: ReadonlySet<string>) => void;
  /** The time services are first and last seen at (lib/rollup/services.ts); tests move it. */
  clock?: () => number;
};

/**
 * Rows for another table that must commit with a batch's points (a beacon's attribution
 * samples): all of them or none, in the same transaction.
 */
export type SideRows = { table: string; columns: readonly Column[]; rows: readonly unknown[][] };

/** How often the writer reads how far compaction has built hours. */
const WATERMARK_REFRESH_MS = 5_000;

/** A request's points, already grouped by series (the request's own objects are not kept), and its side rows. */
type Batch = {
  projectId: string;
  groups: Group[];
  side: readonly SideRows[];
  /** Points and side rows: what the batch holds of the bounded buffer. */
  size: number;
  resolve: () => void;
  reject: (err: unknown) => void;
};

/** The batches' side rows, one flat table per table and column list. */
function sideTables(batches: Batch[]): BulkRows[] {
  const byTable = new Map<string, { table: string; columns: readonly Column[]; values: unknown[] }>();
  for (const b of batches) {
    for (const t of b.side) {
      if (t.rows.length === 0) continue;
      const key = `${t.table}\0${t.columns.map((c) => c.name).join(',')}`;
      let entry = byTable.get(key);
      if (!entry) byTable.set(key, (entry = { table: t.table, columns: t.columns, values: [] }));
      for (const row of t.rows) for (const value of row) entry.values.push(value);
    }
  }
  return [...byTable.values()];
}
/** One series' points in a flush, in arrival order. */
type Group = PointGroup;

export class IngestWriter {
  private queue: Batch[] = [];
  private pending = 0;
  private flushing: Promise<void> | null = null;
  private readonly series: SeriesRegistry;
  private readonly maxPending: number;
  private readonly onLateWrite: (() => void) | undefined;
  private readonly onCommit: ((projectIds: ReadonlySet<string>) => void) | undefined;
  private watermark = { until: 0, readAt: -Infinity };
  /** Transactions written since start (each holds every batch that was waiting). */
  flushes = 0;

  constructor(
    private readonly db: Db,
    private readonly provider: DbProvider,
    options: WriterOptions = {},
  ) {
    this.maxPending = options.maxPendingPoints ?? 200_000;
    this.series = new SeriesRegistry(db, provider, options.seriesLimit, options.clock);
    this.onLateWrite = options.onLateWrite;
    this.onCommit = options.onCommit;
  }

  /** Resolves once every point (and side row) is committed; 503 when the buffer is full. */
  submit(projectId: string, points: IngestPoint[], side: readonly SideRows[] = []): Promise<void> {
    if (points.length === 0 && side.every((t) => t.rows.length === 0)) return Promise.resolve();
    const size = points.length + side.reduce((n, t) => n + t.rows.length, 0);
    if (this.pending + size > this.maxPending) {
      return Promise.reject(unavailable('the write buffer is full; retry shortly', 1));
    }
    this.pending += size;
    // Grouped now, while the request's objects are young: what waits for the flush is a few
    // arrays of numbers per series, and the objects die in the young generation instead of
    // being promoted to old space, where only full collections would free them.
    const groups = this.series.group(projectId, points);
    const done = new Promise<void>((resolve, reject) =>
      this.queue.push({ projectId, groups, side, size, resolve, reject }),
    );
    this.flushing ??= this.drain();
    return done;
  }

  /** Points sent to an overflow series since start, per project (shown as a warning). */
  get overflowed(): ReadonlyMap<string, number> {
    return this.series.overflowed;
  }

  /** Distinct series of each flush found in the series-id cache, and those looked up in the database. */
  get seriesCacheHits(): number {
    return this.series.cacheHits;
  }

  get seriesCacheMisses(): number {
    return this.series.cacheMisses;
  }

  /** Statements that recorded services since start (none while every service is known). */
  get serviceUpserts(): number {
    return this.series.services.upserts;
  }

  /** Points submitted and not yet committed. */
  get pendingPoints(): number {
    return this.pending;
  }

  /** Batches waiting for the next flush (the one being written is not counted). */
  get queuedBatches(): number {
    return this.queue.length;
  }

  /** Waits until everything submitted so far is written (graceful shutdown). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        const batches = this.queue.splice(0);
        const count = batches.reduce((n, b) => n + b.size, 0);
        try {
          const late = await this.write(batches);
          this.flushes += 1;
          for (const b of batches) b.resolve();
          if (late) this.onLateWrite?.();
          this.onCommit?.(new Set(batches.map((b) => b.projectId)));
        } catch (err) {
          console.error('[ingest] flush failed:', err instanceof Error ? err.message : err);
          const refusal = unavailable('storage is unavailable; retry shortly', 5);
          for (const b of batches) b.reject(refusal);
        } finally {
          this.pending -= count;
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  /** The waiting batches' groups merged by series, each with its series id (missing series created). */
  private async resolveSeries(batches: Batch[]): Promise<Group[]> {
    const merged = new Map<string, Group>();
    for (const batch of batches) {
      for (const g of batch.groups) {
        const same = merged.get(g.key);
        if (!same) merged.set(g.key, g);
        else appendPoints(same, g);
      }
    }
    const list = [...merged.values()];
    await this.series.resolve(list, (g) => g.ts.length);
    return list;
  }

  /**
   * How far compaction has built hours (its watermark, read again every WATERMARK_REFRESH_MS).
   * A point before it is staged; one in an hour built since the last read goes in as a rollup row
   * and compaction's late-row scan rebuilds its hour: slower, equally exact.
   */
  private async hoursBuilt(): Promise<number> {
    const now = Date.now();
    if (now - this.watermark.readAt >= WATERMARK_REFRESH_MS) {
      this.watermark = { until: await hoursBuiltUntil(this.db), readAt: now };
    }
    return this.watermark.until;
  }

  /**
   * Stores the batches; true when some point fell in an hour compaction has built. Those
   * points (a backfill, a service catching up) are appended to the LatePoint table instead of
   * rollups: one cheap row each, where a rollup row per point would land at a random place in the
   * rollup indexes. Compaction folds them in large sorted batches (lib/rollup/backlog.ts).
   */
  private async write(batches: Batch[]): Promise<boolean> {
    const groups = await this.resolveSeries(batches);
    const built = await this.hoursBuilt();
    // Raw points: one per value that stands for itself (a weighted value, the live demo's, has
    // none); late rows: one per observation (a weighted late value is staged that many times, as
    // LatePoint holds single values).
    let rawCount = 0;
    let lateCount = 0;
    for (const g of groups) {
      for (let i = 0; i < g.ts.length; i++) {
        const w = g.weights ? g.weights[i]! : 1;
        if (g.ts[i]! < built) lateCount += w;
        else if (w === 1) rawCount += 1;
      }
    }
    const width = POINT_COLUMNS.length;
    const points = new Float64Array(rawCount * width);
    const late = new Float64Array(lateCount * width);
    const rollups: unknown[] = [];
    let at = 0;
    let lateAt = 0;
    for (const g of groups) {
      if (lateCount === 0 && !g.weights) {
        for (let i = 0; i < g.ts.length; i++) {
          points[at++] = g.seriesId;
          points[at++] = g.ts[i]!;
          points[at++] = g.values[i]!;
        }
        for (const r of rollUpSeries(g.seriesId, g.kind, g.ts, g.values)) rollups.push(...rollupValues(r));
        continue;
      }
      const ts: number[] = [];
      const values: number[] = [];
      const weights: number[] | null = g.weights ? [] : null;
      for (let i = 0; i < g.ts.length; i++) {
        const t = g.ts[i]!;
        const value = g.values[i]!;
        const w = g.weights ? g.weights[i]! : 1;
        if (t < built) {
          for (let k = 0; k < w; k++) {
            late[lateAt++] = g.seriesId;
            late[lateAt++] = t;
            late[lateAt++] = value;
          }
        } else {
          if (w === 1) {
            points[at++] = g.seriesId;
            points[at++] = t;
            points[at++] = value;
          }
          ts.push(t);
          values.push(value);
          weights?.push(w);
        }
      }
      for (const r of rollUpSeries(g.seriesId, g.kind, ts, values, undefined, weights))
        rollups.push(...rollupValues(r));
    }
    // Rollup before LatePoint: PostgreSQL takes the tables' locks in this order, as compaction does.
    await bulkInsert(this.db, this.provider, [
      { table: 'Point', columns: POINT_COLUMNS, values: points },
      { table: 'Rollup', columns: ROLLUP_TYPED_COLUMNS, values: rollups },
      { table: 'LatePoint', columns: POINT_COLUMNS, values: late },
      ...sideTables(batches),
    ]);
    return lateCount > 0;
  }
}
