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
  builtHoursEnd,
  POINT_COLUMNS,
  ROLLUP_TYPED_COLUMNS,
  rollUpSeries,
  rollupValues,
  SeriesRegistry,
  tagsAsSent,
  type MetricKind,
  type SeriesEntry,
} from '../rollup';

export type IngestPoint = {
  name: string;
  kind: MetricKind;
  unit: string | null;
  tags: Record<string, string>;
  ts: number;
  value: number;
};

export type WriterOptions = {
  /** Points waiting to be written before submit() answers 503 (bounded memory). */
  maxPendingPoints?: number;
  /** Distinct series per project; beyond it points go to one overflow series per metric. */
  seriesLimit?: number;
  /**
   * Called after a flush that stored points in hours compaction has already built: readers see
   * them in hour and day rows only once those are rebuilt, so compaction should run soon.
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
type Group = SeriesEntry & { kind: MetricKind; ts: number[]; values: number[] };

/** Where a rollup row's bucket sits in ROLLUP_TYPED_COLUMNS. */
const ROLLUP_BUCKET = ROLLUP_TYPED_COLUMNS.findIndex((c) => c.name === 'bucket');

export class IngestWriter {
  private queue: Batch[] = [];
  private pending = 0;
  private flushing: Promise<void> | null = null;
  private readonly series: SeriesRegistry;
  private readonly maxPending: number;
  private readonly onLateWrite: (() => void) | undefined;
  private readonly onCommit: ((projectIds: ReadonlySet<string>) => void) | undefined;
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
    const groups = this.groupBySeries(projectId, points);
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

  /**
   * One request's points grouped by series (name and tags), in arrival order. Grouping puts a
   * series' rows side by side in the insert (their index entries are neighbours) and lets each
   * series roll up on its own.
   */
  private groupBySeries(projectId: string, points: IngestPoint[]): Group[] {
    // Most points of a request share a few series: canonicalise and hash each distinct
    // (name, tags) once. Maps by name, then the tags as sent (no key string to build per point).
    const list: Group[] = [];
    const byName = new Map<string, Map<string, Group>>();
    for (const p of points) {
      let byTags = byName.get(p.name);
      if (!byTags) byName.set(p.name, (byTags = new Map()));
      const sent = tagsAsSent(p.tags);
      let group = byTags.get(sent);
      if (!group) {
        const { dims, key, service } = this.series.identity(projectId, p.name, p.tags, sent);
        group = {
          key,
          service,
          seriesId: 0,
          projectId,
          name: p.name,
          kind: p.kind,
          unit: p.unit,
          dims,
          ts: [],
          values: [],
        };
        byTags.set(sent, group);
        list.push(group);
      }
      group.ts.push(p.ts);
      group.values.push(p.value);
    }
    return list;
  }

  /** The waiting batches' groups merged by series, each with its series id (missing series created). */
  private async resolveSeries(batches: Batch[]): Promise<Group[]> {
    const merged = new Map<string, Group>();
    for (const batch of batches) {
      for (const g of batch.groups) {
        const same = merged.get(g.key);
        if (!same) merged.set(g.key, g);
        else
          for (let i = 0; i < g.ts.length; i++) {
            same.ts.push(g.ts[i]!);
            same.values.push(g.values[i]!);
          }
      }
    }
    const list = [...merged.values()];
    await this.series.resolve(list, (g) => g.ts.length);
    return list;
  }

  /** Stores the batches; true when some point fell in an hour compaction may have built. */
  private async write(batches: Batch[]): Promise<boolean> {
    const groups = await this.resolveSeries(batches);
    let total = 0;
    for (const g of groups) total += g.ts.length;
    const points = new Float64Array(total * POINT_COLUMNS.length);
    const rollups: unknown[] = [];
    let at = 0;
    for (const g of groups) {
      for (let i = 0; i < g.ts.length; i++) {
        points[at++] = g.seriesId;
        points[at++] = g.ts[i]!;
        points[at++] = g.values[i]!;
      }
      for (const r of rollUpSeries(g.seriesId, g.kind, g.ts, g.values)) rollups.push(...rollupValues(r));
    }
    const built = builtHoursEnd(Date.now());
    let late = false;
    for (let i = ROLLUP_BUCKET; i < rollups.length && !late; i += ROLLUP_TYPED_COLUMNS.length) {
      late = (rollups[i] as number) < built;
    }
    await bulkInsert(this.db, this.provider, [
      { table: 'Point', columns: POINT_COLUMNS, values: points },
      { table: 'Rollup', columns: ROLLUP_TYPED_COLUMNS, values: rollups },
      ...sideTables(batches),
    ]);
    return late;
  }
}
