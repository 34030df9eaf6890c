/**
 * History written straight into the stored model, for loaders that make weeks of past data for a
 * project of their own (the demo, tests, benchmarks). Ingestion would stage every such point and
 * compaction would then fold and rebuild them; here each stretch of whole days becomes, in memory,
 * exactly the rows compaction would have built (minute rows; the hour, day and total rows of the
 * buckets compaction has built already; raw points only after `rawSince`), committed in one bulk
 * insert. Percentiles stay as exact as over live data: the sketches are the same. A point may carry
 * a weight (it stands for that many equal values: a busy minute written as a few), which counts
 * in the rows and sketches and gets no raw point.
 *
 * Safe beside a running server: each write commits a stretch's rows together, so a compaction that
 * sees them as late rebuilds the very same rows; finish() then tells compaction they are seen, so
 * it does not (only while no one else's late rows wait, which it must still rebuild).
 * The project must have no data yet: its total series are built from the points written here.
 */
import type { Db } from '../db/client';
import { bulkInsert } from '../db/bulk';
import type { DbProvider } from '../db/url';
import { DAY_MS, HOUR_MS } from '../time';
import { passSeen, quiet, readMarks } from './backlog';
import { POINT_COLUMNS, ROLLUP_TYPED_COLUMNS } from './columns';
import { mergeRows, withRollupsLocked } from './compact';
import { appendPoints, SeriesRegistry, type PointGroup } from './registry';
import { rollUpSeries, rollupValues, type MetricPoint, type RollupRow } from './rows';
import { totalKey, totalSeries } from './series';

type Group = PointGroup;

/** What compaction has built: buckets before these are written here, later ones left to it. */
type Built = { hour: number; day: number; hourTotal: number; dayTotal: number };

export type HistoryStats = { points: number; rollups: number; raw: number };

export class HistoryWriter {
  private readonly registry: SeriesRegistry;
  private readonly totals = new Map<string, number>();
  /** Series this writer wrote rows for (their own and the totals). */
  private readonly ours = new Set<number>();
  readonly stats: HistoryStats = { points: 0, rollups: 0, raw: 0 };
  /** Points taken by stage() and not yet written, by series key. */
  private readonly staged = new Map<string, Group>();
  private stagedPoints = 0;

  private constructor(
    private readonly db: Db,
    private readonly provider: DbProvider,
    private readonly projectId: string,
    private readonly rawSince: number,
    private readonly built: Built,
    seriesLimit?: number,
  ) {
    this.registry = new SeriesRegistry(db, provider, seriesLimit);
  }

  /**
   * A writer for `projectId`; raw points are kept for points at or after `rawSince`. `seriesLimit`
   * raises the project's series limit for what this writer writes (benchmarks of large projects).
   */
  static async open(
    db: Db,
    provider: DbProvider,
    projectId: string,
    rawSince: number,
    { seriesLimit }: { seriesLimit?: number } = {},
  ): Promise<HistoryWriter> {
    const marks = await db.compaction.findMany({ select: { level: true, until: true } });
    const until = (level: string) => Number(marks.find((m) => m.level === level)?.until ?? 0);
    return new HistoryWriter(
      db,
      provider,
      projectId,
      rawSince,
      {
        hour: until('hour'),
        day: until('day'),
        hourTotal: until('hour-total'),
        dayTotal: until('day-total'),
      },
      seriesLimit,
    );
  }

  /**
   * Writes the points of one stretch that holds whole UTC days (or the range's partial first and
   * last days): all of its rows in one transaction. A day must not be split across two calls.
   */
  async write(points: readonly MetricPoint[]): Promise<void> {
    this.stage(points);
    await this.commit();
  }

  /**
   * Takes points of the stretch being built, grouped by series at once: what waits for commit()
   * is a few arrays of numbers per series, and the points' objects die young (a day of a busy
   * shop held as objects costs more in garbage collection than writing it).
   */
  stage(points: readonly MetricPoint[]): void {
    for (const g of this.registry.group(this.projectId, points)) {
      const same = this.staged.get(g.key);
      if (!same) this.staged.set(g.key, g);
      else appendPoints(same, g);
    }
    this.stagedPoints += points.length;
  }

  /** Writes what stage() took since the last commit: whole UTC days (a day must not be split across commits). */
  async commit(): Promise<void> {
    if (this.staged.size === 0) return;
    const staged = [...this.staged.values()];
    const count = this.stagedPoints;
    this.staged.clear();
    this.stagedPoints = 0;
    const groups = await this.groups(staged);
    const rows: RollupRow[] = [];
    const hourRows: RollupRow[] = [];
    const dayRows: RollupRow[] = [];
    for (const g of groups) {
      const minutes = rollUpSeries(g.seriesId, g.kind, g.ts, g.values, undefined, g.weights ?? null);
      rows.push(...minutes);
      const hours = merged(g.seriesId, 3600, HOUR_MS, minutes, this.built.hour);
      hourRows.push(...hours);
      dayRows.push(...merged(g.seriesId, 86400, DAY_MS, hours, this.built.day));
    }
    // Appended one by one: a day of a large project has more rows than a spread's arguments may be.
    const totalOf = await this.totalSeries(groups);
    for (const list of [
      hourRows,
      dayRows,
      totalRows(hourRows, totalOf, 3600, this.built.hourTotal),
      totalRows(dayRows, totalOf, 86400, this.built.dayTotal),
    ]) {
      for (const r of list) rows.push(r);
    }
    rows.sort((a, b) => a.seriesId - b.seriesId || a.resolution - b.resolution || a.bucket - b.bucket);
    for (const r of rows) this.ours.add(r.seriesId);

    // A raw point is one observation: weighted points (many requests written as one value) have none.
    const raw: number[] = [];
    for (const g of groups) {
      for (let i = 0; i < g.ts.length; i++) {
        if (g.ts[i]! >= this.rawSince && (g.weights?.[i] ?? 1) === 1) raw.push(g.seriesId, g.ts[i]!, g.values[i]!);
      }
    }
    await bulkInsert(this.db, this.provider, [
      { table: 'Point', columns: POINT_COLUMNS, values: raw },
      { table: 'Rollup', columns: ROLLUP_TYPED_COLUMNS, values: rows.flatMap(rollupValues) },
    ]);
    this.stats.points += count;
    this.stats.rollups += rows.length;
    this.stats.raw += raw.length / POINT_COLUMNS.length;
  }

  /**
   * Marks the rows written as seen by compaction's late-row scan, so it does not rebuild them one
   * late row at a time. Skipped while other late rows wait: compaction then rebuilds ours too,
   * into the same rows.
   */
  async finish(): Promise<boolean> {
    return withRollupsLocked(
      this.db,
      this.provider,
      async (tx) => {
        const marks = await readMarks(tx);
        if (!(await quiet(tx, marks, [...this.ours]))) return false;
        await passSeen(tx, marks);
        return true;
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
  }

  /** The points grouped by series (ids resolved, created when new), each series once. */
  private async groups(list: Group[]): Promise<Group[]> {
    await this.registry.resolve(list, (g) => g.ts.length);
    // Series past the project's limit share an overflow series: one group per series id.
    const byId = new Map<number, Group>();
    for (const g of list) {
      const same = byId.get(g.seriesId);
      if (!same) byId.set(g.seriesId, g);
      else appendPoints(same, g);
    }
    return [...byId.values()];
  }

  /** Each group's total series (its metric's, in this project), created when missing. */
  private async totalSeries(groups: readonly Group[]): Promise<Map<number, number>> {
    const missing = [...new Map(groups.filter((g) => !this.totals.has(g.name)).map((g) => [g.name, g])).values()];
    if (missing.length) {
      const ids = await totalSeries(this.db, this.provider, missing);
      for (const g of missing) this.totals.set(g.name, ids.get(totalKey(g))!);
    }
    return new Map(groups.map((g) => [g.seriesId, this.totals.get(g.name)!]));
  }
}

/** Rows of one series merged into buckets of `width` ms, for buckets before `until` only. */
function merged(seriesId: number, resolution: number, width: number, rows: RollupRow[], until: number): RollupRow[] {
  const byBucket = new Map<number, RollupRow[]>();
  for (const r of rows) {
    const bucket = Math.floor(r.bucket / width) * width;
    if (bucket >= until) continue;
    const list = byBucket.get(bucket);
    if (list) list.push(r);
    else byBucket.set(bucket, [r]);
  }
  return [...byBucket].map(([bucket, list]) => mergeRows(seriesId, resolution, bucket, list.map(asSource)));
}

/** The total series' rows: every member's rows of a bucket merged, for buckets before `until`. */
function totalRows(rows: RollupRow[], totalOf: Map<number, number>, resolution: number, until: number): RollupRow[] {
  const byTarget = new Map<string, { total: number; bucket: number; rows: RollupRow[] }>();
  for (const r of rows) {
    if (r.bucket >= until) continue;
    const total = totalOf.get(r.seriesId)!;
    const key = `${total}:${r.bucket}`;
    const entry = byTarget.get(key);
    if (entry) entry.rows.push(r);
    else byTarget.set(key, { total, bucket: r.bucket, rows: [r] });
  }
  return [...byTarget.values()].map((t) => mergeRows(t.total, resolution, t.bucket, t.rows.map(asSource)));
}

const asSource = (r: RollupRow) => ({ ...r, id: 0 });
