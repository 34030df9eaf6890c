/**
 * The hot write path. Requests hand their validated points to submit(), which resolves only
 * after the points are committed (a 2xx means stored). Group commit: while one flush writes,
 * newly arriving batches queue, and the next flush takes them all in one transaction; a flush
 * starts as soon as the writer is free, so no request waits on a timer. Points and rollups go
 * in on the driver under Prisma (lib/db/bulk.ts), not createMany: many times faster on both.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/client';
import type { DbProvider } from '../db/url';
import { unavailable } from '../http/errors';
import { rollUp, rollupValues, type MetricKind } from './rollup';
import { builtHoursEnd } from '../rollup/time';
import { bulkInsert, type BulkRows } from '../db/bulk';
import { insertRows, POINT_COLUMNS, ROLLUP_TYPED_COLUMNS, ROWS_PER_STATEMENT } from './sql';

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
};

/**
 * Rows for another table that must commit with a batch's points (a beacon's attribution
 * samples): all of them or none, in the same transaction.
 */
export type SideRows = BulkRows;

type Batch = {
  projectId: string;
  points: IngestPoint[];
  side: readonly SideRows[];
  /** Points and side rows: what the batch holds of the bounded buffer. */
  size: number;
  resolve: () => void;
  reject: (err: unknown) => void;
};

const SERIES_CACHE_MAX = 100_000;
export const OVERFLOW_DIMS = '{"overflow":"true"}';
/** A metric's total series (all its series merged), built by compaction. No tag key can be `*`. */
export const TOTAL_DIMS = '{"*":"total"}';

/** The identity of a series: project, metric name and its tags in canonical (sorted) JSON. */
export function seriesKey(projectId: string, name: string, dims: string): string {
  return createHash('sha256').update(`${projectId}\0${name}\0${dims}`).digest('hex');
}

export function canonicalDims(tags: Record<string, string>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/** The batches' side rows, one entry per table (batches of one kind share their column lists). */
function sideTables(batches: Batch[]): BulkRows[] {
  const byTable = new Map<string, { table: string; columns: BulkRows['columns']; rows: unknown[][] }>();
  for (const b of batches) {
    for (const t of b.side) {
      if (t.rows.length === 0) continue;
      const key = `${t.table}\0${t.columns.map((c) => c.name).join(',')}`;
      let entry = byTable.get(key);
      if (!entry) byTable.set(key, (entry = { table: t.table, columns: t.columns, rows: [] }));
      for (const row of t.rows) entry.rows.push(row);
    }
  }
  return [...byTable.values()];
}

export class IngestWriter {
  private queue: Batch[] = [];
  private pending = 0;
  private flushing: Promise<void> | null = null;
  private readonly seriesIds = new Map<string, number>();
  private readonly seriesCounts = new Map<string, number>();
  private readonly maxPending: number;
  private readonly seriesLimit: number;
  private readonly onLateWrite: (() => void) | undefined;
  /** Transactions written since start (each holds every batch that was waiting). */
  flushes = 0;
  /** Points sent to an overflow series since start, per project (shown as a warning). */
  readonly overflowed = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly provider: DbProvider,
    options: WriterOptions = {},
  ) {
    this.maxPending = options.maxPendingPoints ?? 200_000;
    this.seriesLimit = options.seriesLimit ?? 10_000;
    this.onLateWrite = options.onLateWrite;
  }

  /** Resolves once every point (and side row) is committed; 503 when the buffer is full. */
  submit(projectId: string, points: IngestPoint[], side: readonly SideRows[] = []): Promise<void> {
    if (points.length === 0 && side.every((t) => t.rows.length === 0)) return Promise.resolve();
    const size = points.length + side.reduce((n, t) => n + t.rows.length, 0);
    if (this.pending + size > this.maxPending) {
      return Promise.reject(unavailable('the write buffer is full; retry shortly', 1));
    }
    this.pending += size;
    const done = new Promise<void>((resolve, reject) =>
      this.queue.push({ projectId, points, side, size, resolve, reject }),
    );
    this.flushing ??= this.drain();
    return done;
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

  /** Series ids for every (project, name, tags) in the batches, creating the missing ones. */
  private async resolveSeries(batches: Batch[]): Promise<Map<IngestPoint, number>> {
    const wanted = new Map<
      string,
      { projectId: string; name: string; kind: string; unit: string | null; dims: string }
    >();
    const keyOf = new Map<IngestPoint, string>();
    // Most points of a flush share a few series: hash each distinct (project, name, tags) once.
    const memo = new Map<string, string>();
    for (const { projectId, points } of batches) {
      for (const p of points) {
        const raw = `${projectId}\0${p.name}\0${JSON.stringify(p.tags)}`;
        let key = memo.get(raw);
        if (key === undefined) {
          const dims = canonicalDims(p.tags);
          key = seriesKey(projectId, p.name, dims);
          memo.set(raw, key);
          if (!this.seriesIds.has(key)) wanted.set(key, { projectId, name: p.name, kind: p.kind, unit: p.unit, dims });
        }
        keyOf.set(p, key);
      }
    }
    if (wanted.size) await this.createSeries(wanted, keyOf);
    const ids = new Map<IngestPoint, number>();
    for (const [point, key] of keyOf) ids.set(point, this.seriesIds.get(key)!);
    return ids;
  }

  private async createSeries(
    wanted: Map<string, { projectId: string; name: string; kind: string; unit: string | null; dims: string }>,
    keyOf: Map<IngestPoint, string>,
  ): Promise<void> {
    const known = await this.lookup([...wanted.keys()]);
    const missing = [...wanted].filter(([key]) => !known.has(key));
    const accepted: [string, { projectId: string; name: string; kind: string; unit: string | null; dims: string }][] =
      [];
    const redirect = new Map<string, string>();
    for (const [key, s] of missing) {
      const count =
        this.seriesCounts.get(s.projectId) ?? (await this.db.series.count({ where: { projectId: s.projectId } }));
      if (count + accepted.filter(([, a]) => a.projectId === s.projectId).length < this.seriesLimit) {
        accepted.push([key, s]);
      } else {
        const overflowKey = seriesKey(s.projectId, s.name, OVERFLOW_DIMS);
        redirect.set(key, overflowKey);
        if (!known.has(overflowKey)) accepted.push([overflowKey, { ...s, dims: OVERFLOW_DIMS }]);
      }
      this.seriesCounts.set(s.projectId, count);
    }
    await insertRows(
      this.db,
      this.provider,
      'Series',
      ['projectId', 'name', 'kind', 'unit', 'dims', 'key'],
      accepted.map(([key, s]) => [s.projectId, s.name, s.kind, s.unit, s.dims, key]),
      ' ON CONFLICT ("key") DO NOTHING',
    );
    for (const [, s] of accepted) this.seriesCounts.set(s.projectId, (this.seriesCounts.get(s.projectId) ?? 0) + 1);
    const all = await this.lookup([...wanted.keys(), ...redirect.values()]);
    if (this.seriesIds.size + all.size > SERIES_CACHE_MAX) this.seriesIds.clear();
    for (const [key, id] of all) this.seriesIds.set(key, id);
    for (const [from, to] of redirect) {
      this.seriesIds.set(from, all.get(to)!);
      const projectId = wanted.get(from)!.projectId;
      let points = 0;
      for (const k of keyOf.values()) if (k === from) points++;
      this.overflowed.set(projectId, (this.overflowed.get(projectId) ?? 0) + points);
    }
  }

  private async lookup(keys: string[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (let i = 0; i < keys.length; i += ROWS_PER_STATEMENT) {
      const rows = await this.db.series.findMany({
        where: { key: { in: keys.slice(i, i + ROWS_PER_STATEMENT) } },
        select: { id: true, key: true },
      });
      for (const r of rows) found.set(r.key, r.id);
    }
    return found;
  }

  /** Stores the batches; true when some point fell in an hour compaction may have built. */
  private async write(batches: Batch[]): Promise<boolean> {
    const ids = await this.resolveSeries(batches);
    const points = batches.flatMap((b) =>
      b.points.map((p) => ({ seriesId: ids.get(p)!, kind: p.kind, ts: p.ts, value: p.value })),
    );
    const rollups = rollUp(points);
    await bulkInsert(this.db, this.provider, [
      { table: 'Point', columns: POINT_COLUMNS, rows: points.map((p) => [p.seriesId, p.ts, p.value]) },
      { table: 'Rollup', columns: ROLLUP_TYPED_COLUMNS, rows: rollups.map(rollupValues) },
      ...sideTables(batches),
    ]);
    const built = builtHoursEnd(Date.now());
    return rollups.some((r) => r.bucket < built);
  }
}
