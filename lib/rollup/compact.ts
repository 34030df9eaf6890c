/**
 * Compaction: every flush appends a partial minute row per series, so a busy minute holds
 * hundreds of rows. Every few seconds foldOpenMinutes merges the open minutes' partials (the
 * minutes stay open); once a minute is closed its partials fold into one row; closed hours are
 * built from their minutes and closed days from their hours; and each metric gets a total
 * series (all its series merged) per hour and per day, which is what an unfiltered chart reads.
 * Readers then take the coarsest final rows that fit a range (lib/rollup/read.ts), so a 30-day
 * overview reads a few hundred rows whatever was ingested.
 *
 * Each level keeps a watermark (the Compaction table): buckets before `until` are built, and
 * `seenId` is the highest Rollup id it has looked at. A source row above `seenId` that falls
 * before `until` arrived late (points may be up to the minute retention old); its target bucket
 * is rebuilt from all its sources, so every run is a pure function of the source rows and
 * running one twice changes nothing. A run holds the table against inserts (PostgreSQL: a
 * table lock, SQLite: its write lock), which makes ids below the max committed and the
 * watermark exact; the same lock makes concurrent runs (a CLI's beside a server's) wait for each
 * other. The scheduler runs compaction and folding on one instance at a time (lib/jobs leases).
 */
import type { Db, Tx } from '../db/client';
import type { DbProvider } from '../db/url';
import { insertRows, ROWS_PER_STATEMENT } from '../db/sql';
import { ROLLUP_COLUMNS } from './columns';
import { foldRows, rollupValues, type RollupRow, type StoredRollup } from './rows';
import { TOTAL_DIMS, totalKey, totalSeries } from './series';

export type Level = {
  name: string;
  /** Target and source bucket widths in seconds. */
  resolution: number;
  source: number;
  /** The level whose watermark bounds this one's source (none: now − lateness). */
  after: string | null;
  /** Target buckets built per transaction at most. */
  chunk: number;
  /** Builds each metric's total series instead of per-series rows. */
  totals?: boolean;
};

// Chunks keep a transaction's rows (chunk × source rows per bucket × series) small: a backlog
// goes in many short transactions, never one that holds the database or the heap.
export const LEVELS: readonly Level[] = [
  { name: 'minute', resolution: 60, source: 60, after: null, chunk: 15 },
  { name: 'hour', resolution: 3600, source: 60, after: 'minute', chunk: 1 },
  { name: 'day', resolution: 86400, source: 3600, after: 'hour', chunk: 1 },
  { name: 'hour-total', resolution: 3600, source: 3600, after: 'hour', chunk: 24, totals: true },
  { name: 'day-total', resolution: 86400, source: 86400, after: 'day', chunk: 31, totals: true },
];

/** Late rows taken per transaction; the rest wait for the next (their ids stay above `seenId`). */
export const LATE_ROWS_PER_RUN = 1_000;

/** Source rows read per statement when a level builds its window in slices. */
export const SLICE_ROWS = 5_000;

export type SourceRow = StoredRollup & { id: number | bigint; last: number; lastTs: number | bigint };

export type LevelResult = { level: string; until: number; groups: number; caughtUp: boolean };

/** Folds rows sharing a (series, bucket) into one row of `resolution`. */
export function mergeRows(seriesId: number, resolution: number, bucket: number, rows: readonly SourceRow[]): RollupRow {
  const { count, sum, min, max, sketch } = foldRows(rows);
  // The latest value wins; lastTs arrives as bigint from the database.
  let last = 0;
  let lastTs = -Infinity;
  for (const r of rows) {
    if (Number(r.lastTs) >= lastTs) {
      lastTs = Number(r.lastTs);
      last = r.last;
    }
  }
  return { seriesId, resolution, bucket, count, sum, min, max, last, lastTs, sketch: sketch?.encode() ?? null };
}

export const SOURCE_SELECT = {
  id: true,
  seriesId: true,
  bucket: true,
  count: true,
  sum: true,
  min: true,
  max: true,
  last: true,
  lastTs: true,
  sketch: true,
} as const;

export const floorTo = (t: number, width: number) => Math.floor(t / width) * width;
export const groupKey = (seriesId: number, bucket: number) => `${seriesId}:${bucket}`;
function parseGroupKey(key: string): [number, number] {
  const [s, b] = key.split(':');
  return [Number(s), Number(b)];
}

/** Where a source series' rows go: itself, or its metric's total series (created on first use). */
export class Targets {
  private readonly map = new Map<number, number>();
  constructor(
    private readonly tx: Tx,
    private readonly provider: DbProvider,
    readonly totals: boolean,
    readonly totalIds: ReadonlySet<number>,
  ) {}

  static async load(tx: Tx, provider: DbProvider, totals: boolean): Promise<Targets> {
    const rows = await tx.series.findMany({ where: { dims: TOTAL_DIMS }, select: { id: true } });
    return new Targets(tx, provider, totals, new Set(rows.map((r) => r.id)));
  }

  /** Source rows without the total series' own rows (they are outputs, never inputs). */
  sources<T extends { seriesId: number }>(rows: T[]): T[] {
    return this.totalIds.size ? rows.filter((r) => !this.totalIds.has(r.seriesId)) : rows;
  }

  async resolve(seriesIds: Iterable<number>): Promise<void> {
    const missing = [...new Set(seriesIds)].filter((id) => !this.map.has(id));
    if (!this.totals) {
      for (const id of missing) this.map.set(id, id);
      return;
    }
    for (let i = 0; i < missing.length; i += ROWS_PER_STATEMENT) {
      const members = await this.tx.series.findMany({
        where: { id: { in: missing.slice(i, i + ROWS_PER_STATEMENT) } },
        select: { id: true, projectId: true, name: true, kind: true, unit: true },
      });
      const totals = await totalSeries(this.tx, this.provider, members);
      for (const m of members) this.map.set(m.id, totals.get(totalKey(m))!);
    }
  }

  of(seriesId: number): number {
    return this.map.get(seriesId)!;
  }
}

/**
 * Holds the Rollup table (and LatePoint, which the backlog stage empties) against inserts for
 * the transaction, and against another compaction or fold, which waits for it. The order is the
 * writer's (lib/ingest/writer.ts), so the two never wait on each other in a cycle.
 */
export async function lockRollups(tx: Tx, provider: DbProvider): Promise<void> {
  if (provider === 'postgresql') {
    await tx.$executeRawUnsafe('LOCK TABLE "Rollup", "LatePoint" IN SHARE ROW EXCLUSIVE MODE');
  } else {
    // Take SQLite's write lock now: a read transaction that upgrades later fails at once
    // (SQLITE_BUSY) when another process (the CLI, a seed) is writing.
    await tx.$executeRawUnsafe('DELETE FROM "Compaction" WHERE 0');
  }
}

/**
 * The highest Rollup id, 0 for none. Read straight off the key: Prisma's aggregate wraps the
 * table in a subquery that SQLite scans whole, which cost 50 ms a transaction at a million rows.
 */
export async function maxRollupId(tx: Tx): Promise<number> {
  const [row] = await tx.$queryRawUnsafe<{ max: bigint | number | null }[]>('SELECT MAX("id") AS "max" FROM "Rollup"');
  return Number(row?.max ?? 0);
}

/**
 * One of compaction's transactions (its levels, the open-minute fold, the backlog stages, the
 * history writer's finish): the rollups locked first (lockRollups), and time enough to wait its turn.
 */
export function withRollupsLocked<T>(
  db: Db,
  provider: DbProvider,
  fn: (tx: Tx) => Promise<T>,
  { timeout = 120_000, maxWait = 60_000 } = {},
): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await lockRollups(tx, provider);
      return fn(tx);
    },
    { timeout, maxWait },
  );
}

/**
 * Rows above `seenId` of `resolution` before `until`, in id order: the late rows a level has not
 * seen. Read along the primary key from `seenId` (the expressions keep both databases from
 * scanning the (resolution, bucket) index instead, which holds every earlier row too). With
 * `members`, rows of total series are left out; and so are rows of the `except` series.
 */
export function lateRows(
  tx: Tx,
  seenId: number,
  resolution: number,
  until: number,
  limit: number,
  members = false,
  except: readonly number[] = [],
): Promise<{ id: number | bigint; seriesId: number; bucket: number | bigint }[]> {
  const totals = members ? `AND "seriesId" NOT IN (SELECT "id" FROM "Series" WHERE "dims" = '${TOTAL_DIMS}')` : '';
  const others = except.length ? `AND "seriesId" NOT IN (${except.map((id) => Math.trunc(id)).join(',')})` : '';
  return tx.$queryRawUnsafe(
    `SELECT "id", "seriesId", "bucket" FROM "Rollup"
      WHERE "id" > ${Math.trunc(seenId)} AND "resolution" + 0 = ${Math.trunc(resolution)}
        AND "bucket" + 0 < ${Math.trunc(until)} ${totals} ${others}
      ORDER BY "id" LIMIT ${Math.trunc(limit)}`,
  );
}

/** Builds the next chunk of one level. `sourceUntil`: how far the source is final. */
export async function compactLevel(
  db: Db,
  provider: DbProvider,
  level: Level,
  sourceUntil: number,
  sliceRows = SLICE_ROWS,
): Promise<LevelResult> {
  const width = level.resolution * 1000;
  // Minutes fold into themselves: the partials are replaced by one row.
  const fold = level.resolution === level.source && !level.totals;
  return withRollupsLocked(db, provider, async (tx) => {
    const targets = await Targets.load(tx, provider, Boolean(level.totals));
    const target = floorTo(sourceUntil, width);
    const mark = await tx.compaction.findUnique({ where: { level: level.name } });
    const seenId = mark ? Number(mark.seenId) : 0;
    let until = mark ? Number(mark.until) : null;
    if (until === null) {
      const first = await tx.rollup.aggregate({ where: { resolution: level.source }, _min: { bucket: true } });
      const earliest = first._min.bucket;
      until = earliest === null ? target : Math.min(target, floorTo(Number(earliest), width));
    }
    const newUntil = Math.max(until, Math.min(target, until + level.chunk * width));

    const unseen = await lateRows(tx, seenId, level.source, until, LATE_ROWS_PER_RUN + 1);
    // Too many: take the first ones by id and see the rest next time.
    const lateCut = unseen.length > LATE_ROWS_PER_RUN ? Number(unseen[LATE_ROWS_PER_RUN - 1]!.id) : null;
    const late = targets.sources(unseen.slice(0, LATE_ROWS_PER_RUN));
    await targets.resolve(late.map((r) => r.seriesId));
    const lateGroups = new Set(late.map((r) => groupKey(targets.of(r.seriesId), floorTo(Number(r.bucket), width))));
    const rebuild = new Rebuild(tx, provider, level, fold, targets);
    if (lateGroups.size) {
      const more = targets.sources(await lateSources(tx, provider, level, lateGroups));
      await targets.resolve(more.map((r) => r.seriesId));
      await rebuild.groups(
        more.filter((r) => lateGroups.has(groupKey(targets.of(r.seriesId), floorTo(Number(r.bucket), width)))),
      );
    }
    if (level.totals) {
      // A total's sources are every series of its metric: read the window at once (its rows
      // are already hours or days, a few per series).
      const sources: SourceRow[] = targets.sources(
        await tx.rollup.findMany({
          where: { resolution: level.source, bucket: { gte: until, lt: newUntil } },
          select: SOURCE_SELECT,
        }),
      );
      await targets.resolve(sources.map((r) => r.seriesId));
      await rebuild.groups(sources);
    } else {
      // One series' rows build that series' buckets: fold the window in slices of at most
      // SLICE_ROWS source rows, so a busy minute (a partial row per series and flush) never
      // sits in memory whole.
      for (const slice of await slices(tx, level, targets, until, newUntil, fold, sliceRows)) {
        await targets.resolve(slice.seriesIds);
        await rebuild.groups(await readSlice(tx, level, slice));
      }
    }
    // Read after our own inserts: nothing else can insert meanwhile, so every id up to here is
    // seen (unless late rows were left for the next run: rows built here may be read again
    // then, which rebuilds the same rows).
    const seen = lateCut ?? (await maxRollupId(tx));
    await tx.compaction.upsert({
      where: { level: level.name },
      create: { level: level.name, resolution: level.resolution, until: newUntil, seenId: seen },
      update: { until: newUntil, seenId: seen },
    });
    return {
      level: level.name,
      until: newUntil,
      groups: rebuild.built,
      caughtUp: newUntil >= target && lateCut === null,
    };
  });
}

/** Partial rows folded per run of foldOpenMinutes at most; a backlog takes several runs. */
export const FOLD_ROWS_PER_RUN = 20_000;

export type FoldResult = { rows: number; groups: number };

/**
 * Folds the partial rows of minutes that are still open (at or after the minute watermark) into
 * one row per series and minute, without closing them: a point arriving later adds a partial
 * row again, which the next fold (or the minute level, once the minute closes) merges in. A
 * fold is a pure merge, so readers get the same answers from fewer rows: between two runs a
 * series' last minutes hold a handful of rows instead of one per flush, which is what alert
 * evaluation and the dashboards read most.
 */
export async function foldOpenMinutes(
  db: Db,
  provider: DbProvider,
  sliceRows = SLICE_ROWS,
  maxRows = FOLD_ROWS_PER_RUN,
): Promise<FoldResult> {
  const level = LEVELS[0]!;
  return withRollupsLocked(
    db,
    provider,
    async (tx) => {
      const targets = await Targets.load(tx, provider, false);
      const mark = await tx.compaction.findUnique({ where: { level: level.name } });
      // Before the minute level's first run every minute is open.
      const from = mark ? Number(mark.until) : 0;
      const rebuild = new Rebuild(tx, provider, level, true, targets);
      let rows = 0;
      for (const slice of await slices(tx, level, targets, from, Number.MAX_SAFE_INTEGER, true, sliceRows)) {
        if (rows >= maxRows) break;
        await targets.resolve(slice.seriesIds);
        const sources = await readSlice(tx, level, slice);
        rows += sources.length;
        await rebuild.groups(sources);
      }
      return { rows, groups: rebuild.built };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

type Slice = { seriesIds: number[]; from: number; to: number; keys: Set<string> };

/** A slice's source rows: those of its (series, target bucket) groups. */
async function readSlice(tx: Tx, level: Level, slice: Slice): Promise<SourceRow[]> {
  const width = level.resolution * 1000;
  const rows = await tx.rollup.findMany({
    where: { resolution: level.source, seriesId: { in: slice.seriesIds }, bucket: { gte: slice.from, lt: slice.to } },
    select: SOURCE_SELECT,
  });
  return rows.filter((r) => slice.keys.has(groupKey(r.seriesId, floorTo(Number(r.bucket), width))));
}

/**
 * The window's (series, target bucket) groups, counted in the database and cut into slices of
 * about SLICE_ROWS source rows (a larger group makes a slice of its own), ordered by bucket so a
 * slice's rows sit in few buckets. A folding level skips groups that are one row already.
 */
async function slices(
  tx: Tx,
  level: Level,
  targets: Targets,
  from: number,
  to: number,
  fold: boolean,
  sliceRows: number,
): Promise<Slice[]> {
  const width = level.resolution * 1000;
  const counts = await tx.$queryRawUnsafe<{ seriesId: unknown; target: unknown; n: unknown }[]>(
    `SELECT "seriesId", "bucket" - ("bucket" % ${width}) AS "target", COUNT(*) AS "n" FROM "Rollup"
      WHERE "resolution" = ${level.source} AND "bucket" >= ${from} AND "bucket" < ${to}
      GROUP BY "seriesId", "bucket" - ("bucket" % ${width})`,
  );
  const groups = counts
    .map((c) => ({ seriesId: Number(c.seriesId), bucket: Number(c.target), n: Number(c.n) }))
    .filter((g) => !targets.totalIds.has(g.seriesId) && !(fold && g.n === 1))
    .sort((a, b) => a.bucket - b.bucket || a.seriesId - b.seriesId);
  type Open = Slice & { series: Set<number>; rows: number };
  const out: Open[] = [];
  let current: Open | null = null;
  for (const g of groups) {
    if (!current || current.rows + g.n > sliceRows || current.keys.size >= ROWS_PER_STATEMENT) {
      current = { seriesIds: [], series: new Set(), from: g.bucket, to: g.bucket + width, keys: new Set(), rows: 0 };
      out.push(current);
    }
    current.rows += g.n;
    current.keys.add(groupKey(g.seriesId, g.bucket));
    current.series.add(g.seriesId);
    current.to = g.bucket + width;
  }
  return out.map(({ series, from, to, keys }) => ({ seriesIds: [...series], from, to, keys }));
}

/** Merges source rows by target (series, bucket) and replaces what they rebuild, as it goes. */
export class Rebuild {
  built = 0;
  constructor(
    private readonly tx: Tx,
    private readonly provider: DbProvider,
    private readonly level: Level,
    private readonly fold: boolean,
    private readonly targets: Targets,
  ) {}

  /** Rebuilds the groups of `sources` and returns the rows it wrote. */
  async groups(sources: SourceRow[]): Promise<RollupRow[]> {
    const width = this.level.resolution * 1000;
    const groups = new Map<string, SourceRow[]>();
    for (const r of sources) {
      const key = groupKey(this.targets.of(r.seriesId), floorTo(Number(r.bucket), width));
      const list = groups.get(key);
      if (list) list.push(r);
      else groups.set(key, [r]);
    }
    const rebuilt: RollupRow[] = [];
    const replaced: (number | bigint)[] = [];
    for (const [key, rows] of groups) {
      if (this.fold && rows.length === 1) continue; // already one row
      const [seriesId, bucket] = parseGroupKey(key);
      rebuilt.push(mergeRows(seriesId, this.level.resolution, bucket, rows));
      if (this.fold) for (const r of rows) replaced.push(r.id);
    }
    if (!this.fold && rebuilt.length)
      replaced.push(...(await existingTargets(this.tx, this.provider, this.level.resolution, rebuilt)));
    for (let i = 0; i < replaced.length; i += ROWS_PER_STATEMENT) {
      await this.tx.rollup.deleteMany({
        where: { id: { in: replaced.slice(i, i + ROWS_PER_STATEMENT).map(Number) } },
      });
    }
    await insertRows(this.tx, this.provider, 'Rollup', ROLLUP_COLUMNS, rebuilt.map(rollupValues));
    this.built += rebuilt.length;
    return rebuilt;
  }
}

/** Candidate source rows of the target buckets that received late rows (callers keep the group's). */
async function lateSources(tx: Tx, provider: DbProvider, level: Level, groups: Set<string>): Promise<SourceRow[]> {
  const width = level.resolution * 1000;
  const parsed = [...groups].map(parseGroupKey);
  if (level.totals) {
    // Every series of the metric counts: read the buckets across all series.
    return tx.rollup.findMany({
      where: { resolution: level.source, bucket: { in: [...new Set(parsed.map(([, b]) => b))] } },
      select: SOURCE_SELECT,
    });
  }
  return rowsOfGroups(
    tx,
    provider,
    level.source,
    parsed.map(([seriesId, bucket]) => ({ seriesId, from: bucket, to: bucket + width })),
  );
}

/** Groups per statement in rowsOfGroups (each an indexed range of one series). */
const GROUPS_PER_STATEMENT = 300;

type GroupRange = { seriesId: number; from: number; to: number };

/**
 * Selects `columns` of the rows of `resolution` in each group's [from, to) of its series: the
 * groups are a VALUES list joined to Rollup, so each is one probe of the (seriesId, resolution,
 * bucket) index, however far apart the groups lie (an OR of ranges makes SQLite scan the table).
 * CROSS JOIN keeps SQLite's planner from scanning the resolution's rows instead; the casts keep
 * the bounds integers, which the index compares.
 */
async function byGroups<T>(
  tx: Tx,
  provider: DbProvider,
  columns: string,
  resolution: number,
  groups: readonly GroupRange[],
): Promise<T[]> {
  const postgres = provider === 'postgresql';
  const out: T[] = [];
  for (let i = 0; i < groups.length; i += GROUPS_PER_STATEMENT) {
    const part = groups.slice(i, i + GROUPS_PER_STATEMENT);
    const params: number[] = [];
    const tuples = part.map((g) => {
      params.push(g.seriesId, g.from, g.to);
      const n = params.length;
      return postgres
        ? `($${n - 2}::int4,$${n - 1}::int8,$${n}::int8)`
        : '(CAST(? AS INTEGER),CAST(? AS INTEGER),CAST(? AS INTEGER))';
    });
    out.push(
      ...(await tx.$queryRawUnsafe<T[]>(
        `WITH "g"("s","f","t") AS (VALUES ${tuples.join(',')})
         SELECT ${columns} FROM "g" CROSS JOIN "Rollup" "r" WHERE "r"."seriesId" = "g"."s"
           AND "r"."resolution" = ${resolution} AND "r"."bucket" >= "g"."f" AND "r"."bucket" < "g"."t"`,
        ...params,
      )),
    );
  }
  return out;
}

const SOURCE_COLUMNS = Object.keys(SOURCE_SELECT)
  .map((c) => `"r"."${c}"`)
  .join(',');

/**
 * The rows of `resolution` in each group's [from, to) of its series: exactly those, read through
 * the (seriesId, resolution, bucket) index.
 */
export function rowsOfGroups(
  tx: Tx,
  provider: DbProvider,
  resolution: number,
  groups: readonly GroupRange[],
): Promise<SourceRow[]> {
  return byGroups<SourceRow>(tx, provider, SOURCE_COLUMNS, resolution, groups);
}

/** Ids of target rows already built for the rebuilt groups (a rebuild replaces them). */
async function existingTargets(
  tx: Tx,
  provider: DbProvider,
  resolution: number,
  rebuilt: RollupRow[],
): Promise<(number | bigint)[]> {
  const groups = rebuilt.map((r) => ({ seriesId: r.seriesId, from: r.bucket, to: r.bucket + 1 }));
  const rows = await byGroups<{ id: number | bigint }>(tx, provider, '"r"."id"', resolution, groups);
  return rows.map((r) => r.id);
}
