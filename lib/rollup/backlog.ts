/**
 * Late points at full speed. Points for hours compaction has already built (a backfill, an
 * import, a service catching up after an outage) are not written as rollup rows by the writer:
 * one row per point at a random place in the rollup indexes made a backfill four times slower
 * than live data. The writer appends them to LatePoint instead (cheaper than a live point), and
 * compaction works them off here in two stages, after its levels:
 *
 * 1. foldBacklog takes staged points in id order, BACKLOG_POINTS_PER_RUN per transaction: their
 *    minute rows go in sorted, raw points within their retention too, and each built hour they
 *    touch is marked dirty (RollupDirty), once however many points fall in it.
 * 2. rebuildDirty then rebuilds each dirty bucket once, level by level (hours, then the days and
 *    hour totals those hours change, then the day totals), DIRTY_GROUPS_PER_RUN per transaction,
 *    fewer for totals (DIRTY_SOURCE_ROWS_PER_RUN).
 *
 * Every transaction is short, so readers and the writer wait at most one of them. The levels'
 * own late-row scan (lib/rollup/compact.ts) must not take these rows as late again: both stages
 * run only while no level has late rows waiting ("quiet"), and then move every level's `seenId`
 * past the rows they wrote, which they have accounted for themselves.
 *
 * Until a point is folded, reads do not see it: a backfill shows in the views once compaction
 * has worked it off (the compaction job runs again at once while a backlog is left).
 */
import type { Db, Tx } from '../db/client';
import { insertRows, ROWS_PER_STATEMENT } from '../db/sql';
import type { DbProvider } from '../db/url';
import { POINT_COLUMNS, ROLLUP_COLUMNS } from './columns';
import {
  floorTo,
  groupKey,
  lateRows,
  LEVELS,
  maxRollupId,
  mergeRows,
  Rebuild,
  rowsOfGroups,
  SOURCE_SELECT,
  Targets,
  type Level,
  withRollupsLocked,
  type SourceRow,
} from './compact';
import { METRIC_KINDS, rollUpSeries, rollupValues, type MetricKind, type RollupRow } from './rows';
import { TOTAL_DIMS } from './series';

/** Staged points folded per transaction: about 0.2 s of SQLite's one connection, which readers wait for at most. */
export const BACKLOG_POINTS_PER_RUN = 2_500;
/** Dirty buckets rebuilt per transaction. */
export const DIRTY_GROUPS_PER_RUN = 500;
/**
 * Source rows read per transaction when rebuilding totals: a total's bucket merges a row of each
 * of its metric's series (hundreds), so 500 of them made transactions of a second that readers
 * waited behind. A series' own bucket has at most 60 source rows (500 × 60 fit this too).
 */
export const DIRTY_SOURCE_ROWS_PER_RUN = 30_000;

/** The levels dirty buckets are rebuilt for, in the order that lets each rebuild once. */
const DIRTY_LEVELS = ['hour', 'day', 'hour-total', 'day-total'] as const;
type DirtyLevel = (typeof DIRTY_LEVELS)[number];
/** What a rebuilt bucket of a level makes dirty further up. */
const CASCADE: Record<DirtyLevel, DirtyLevel[]> = {
  hour: ['day', 'hour-total'],
  day: ['day-total'],
  'hour-total': [],
  'day-total': [],
};

const levelNamed = (name: string): Level => LEVELS.find((l) => l.name === name)!;

export type StageResult = {
  /** Staged points folded, or dirty buckets rebuilt. */
  done: number;
  /** Nothing left for this stage. */
  caughtUp: boolean;
  /** A level had late rows of its own waiting: run the levels first. */
  blocked: boolean;
};

/** How far compaction has built hours (0 before its first run): the writer stages points before it. */
export async function hoursBuiltUntil(db: Db): Promise<number> {
  const mark = await db.compaction.findUnique({ where: { level: 'hour' }, select: { until: true } });
  return mark ? Number(mark.until) : 0;
}

export type Marks = Map<string, { until: number; seenId: number }>;

export async function readMarks(tx: Tx): Promise<Marks> {
  const rows = await tx.compaction.findMany();
  return new Map(rows.map((r) => [r.level, { until: Number(r.until), seenId: Number(r.seenId) }]));
}

/**
 * True when no level above the minutes has late rows waiting (rows of the `except` series aside). (A late minute row only waits to be
 * folded with its minute's other rows; readers merge them either way, so skipping it is harmless.)
 */
export async function quiet(tx: Tx, marks: Marks, except: readonly number[] = []): Promise<boolean> {
  for (const level of LEVELS) {
    const mark = marks.get(level.name);
    if (!mark || level.name === 'minute') continue;
    const waiting = await lateRows(tx, mark.seenId, level.source, mark.until, 1, true, except);
    if (waiting.length) return false;
  }
  return true;
}

/** Every level has seen the rows written so far (those this transaction wrote are accounted for). */
export async function passSeen(tx: Tx, marks: Marks): Promise<void> {
  const max = await maxRollupId(tx);
  if (max === 0) return;
  for (const level of marks.keys()) {
    await tx.compaction.update({ where: { level }, data: { seenId: max } });
  }
}

type Dirty = { level: DirtyLevel; seriesId: number; bucket: number };

async function markDirty(tx: Tx, provider: DbProvider, dirty: Iterable<Dirty>): Promise<void> {
  const unique = new Map<string, Dirty>();
  for (const d of dirty) unique.set(`${d.level}:${d.seriesId}:${d.bucket}`, d);
  await insertRows(
    tx,
    provider,
    'RollupDirty',
    ['level', 'seriesId', 'bucket'],
    [...unique.values()].map((d) => [d.level, d.seriesId, d.bucket]),
    ' ON CONFLICT DO NOTHING',
  );
}

/** Whether a bucket of `level` is built already (a dirty mark), or left to the level's own build. */
function built(marks: Marks, level: DirtyLevel, bucket: number): boolean {
  const mark = marks.get(level);
  return mark !== undefined && bucket < mark.until;
}

/**
 * Folds the next BACKLOG_POINTS_PER_RUN staged points: minute rows and raw points (those at or after
 * `rawSince`) in sorted order, built hours they touch marked dirty, the staged rows deleted.
 */
export async function foldBacklog(
  db: Db,
  provider: DbProvider,
  rawSince: number,
  maxPoints = BACKLOG_POINTS_PER_RUN,
): Promise<StageResult> {
  return withRollupsLocked(db, provider, async (tx) => {
    const staged = await tx.latePoint.findMany({ orderBy: { id: 'asc' }, take: maxPoints });
    if (staged.length === 0) return { done: 0, caughtUp: true, blocked: false };
    const marks = await readMarks(tx);
    if (!(await quiet(tx, marks))) return { done: 0, caughtUp: false, blocked: true };

    const bySeries = new Map<number, { ts: number[]; values: number[] }>();
    for (const p of staged) {
      let s = bySeries.get(p.seriesId);
      if (!s) bySeries.set(p.seriesId, (s = { ts: [], values: [] }));
      s.ts.push(Number(p.ts));
      s.values.push(p.value);
    }
    const kinds = await seriesKinds(tx, [...bySeries.keys()]);
    const minutes: RollupRow[] = [];
    const raw: [number, number, number][] = [];
    for (const [seriesId, s] of bySeries) {
      const kind = kinds.get(seriesId);
      if (!kind) continue; // its project was deleted after the point was staged
      minutes.push(...rollUpSeries(seriesId, kind, s.ts, s.values));
      for (let i = 0; i < s.ts.length; i++) if (s.ts[i]! >= rawSince) raw.push([seriesId, s.ts[i]!, s.values[i]!]);
    }
    // A minute that holds rows already gets one row: theirs and the new points' merged.
    const minute = levelNamed('minute').resolution * 1000;
    const existing = await rowsOfGroups(
      tx,
      provider,
      60,
      minutes.map((r) => ({ seriesId: r.seriesId, from: r.bucket, to: r.bucket + minute })),
    );
    if (existing.length) {
      const byGroup = new Map<string, SourceRow[]>();
      for (const r of existing) {
        const key = groupKey(r.seriesId, Number(r.bucket));
        byGroup.set(key, [...(byGroup.get(key) ?? []), r]);
      }
      for (let i = 0; i < minutes.length; i++) {
        const m = minutes[i]!;
        const rows = byGroup.get(groupKey(m.seriesId, m.bucket));
        if (rows) minutes[i] = mergeRows(m.seriesId, 60, m.bucket, [...rows, { ...m, id: 0 }]);
      }
      const ids = existing.map((r) => Number(r.id));
      for (let i = 0; i < ids.length; i += ROWS_PER_STATEMENT) {
        await tx.rollup.deleteMany({ where: { id: { in: ids.slice(i, i + ROWS_PER_STATEMENT) } } });
      }
    }
    // Sorted, so each statement's rows sit side by side in the indexes.
    minutes.sort((a, b) => a.seriesId - b.seriesId || a.bucket - b.bucket);
    raw.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    await insertRows(tx, provider, 'Rollup', ROLLUP_COLUMNS, minutes.map(rollupValues));
    await insertRows(
      tx,
      provider,
      'Point',
      POINT_COLUMNS.map((c) => c.name),
      raw,
    );
    const hour = levelNamed('hour').resolution * 1000;
    const dirty: Dirty[] = [];
    for (const r of minutes) {
      const bucket = floorTo(r.bucket, hour);
      if (built(marks, 'hour', bucket)) dirty.push({ level: 'hour', seriesId: r.seriesId, bucket });
    }
    await markDirty(tx, provider, dirty);
    // Under the lock nothing else writes LatePoint, so every id up to the last one read is folded.
    await tx.latePoint.deleteMany({ where: { id: { lte: staged[staged.length - 1]!.id } } });
    await passSeen(tx, marks);
    return { done: staged.length, caughtUp: staged.length < maxPoints, blocked: false };
  });
}

async function seriesKinds(tx: Tx, ids: number[]): Promise<Map<number, MetricKind>> {
  const out = new Map<number, MetricKind>();
  for (let i = 0; i < ids.length; i += ROWS_PER_STATEMENT) {
    const rows = await tx.series.findMany({
      where: { id: { in: ids.slice(i, i + ROWS_PER_STATEMENT) } },
      select: { id: true, kind: true },
    });
    for (const r of rows) {
      if ((METRIC_KINDS as readonly string[]).includes(r.kind)) out.set(r.id, r.kind as MetricKind);
    }
  }
  return out;
}

/**
 * Rebuilds the next DIRTY_GROUPS_PER_RUN dirty buckets of the first level that has any, from all
 * of their sources, and marks what those rebuilt buckets change further up.
 */
export async function rebuildDirty(
  db: Db,
  provider: DbProvider,
  maxGroups = DIRTY_GROUPS_PER_RUN,
  maxSourceRows = DIRTY_SOURCE_ROWS_PER_RUN,
): Promise<StageResult> {
  return withRollupsLocked(db, provider, async (tx) => {
    let marks: Marks | null = null;
    for (const name of DIRTY_LEVELS) {
      const level = levelNamed(name);
      const first = await tx.rollupDirty.findMany({
        where: { level: name },
        orderBy: [{ bucket: 'asc' }, { seriesId: 'asc' }],
        take: maxGroups,
      });
      if (first.length === 0) continue;
      marks ??= await readMarks(tx);
      if (!(await quiet(tx, marks))) return { done: 0, caughtUp: false, blocked: true };
      const dirty = level.totals ? await withinSourceRows(tx, first, maxSourceRows) : first;
      const targets = await Targets.load(tx, provider, Boolean(level.totals));
      const sources = targets.sources(await dirtySources(tx, provider, level, dirty));
      await targets.resolve(sources.map((r) => r.seriesId));
      const rebuild = new Rebuild(tx, provider, level, false, targets);
      const rebuilt = await rebuild.groups(sources);

      const further: Dirty[] = [];
      for (const up of CASCADE[name]) {
        const upLevel = levelNamed(up);
        const upTargets = upLevel.totals ? await Targets.load(tx, provider, true) : null;
        if (upTargets) await upTargets.resolve(rebuilt.map((r) => r.seriesId));
        for (const r of rebuilt) {
          const bucket = floorTo(r.bucket, upLevel.resolution * 1000);
          const seriesId = upTargets ? upTargets.of(r.seriesId) : r.seriesId;
          if (built(marks, up, bucket)) further.push({ level: up, seriesId, bucket });
        }
      }
      await markDirty(tx, provider, further);
      // The marks read are the level's first in (bucket, seriesId) order, its key's order, and
      // nothing else adds marks of this level meanwhile: delete up to the last one read. Two range
      // deletes along the key: one with an OR of both scanned every mark of the level on SQLite,
      // each transaction, and a large backlog has hundreds of thousands.
      const last = dirty[dirty.length - 1]!;
      await tx.rollupDirty.deleteMany({ where: { level: name, bucket: { lt: last.bucket } } });
      await tx.rollupDirty.deleteMany({
        where: { level: name, bucket: last.bucket, seriesId: { lte: last.seriesId } },
      });
      await passSeen(tx, marks);
      return { done: dirty.length, caughtUp: false, blocked: false };
    }
    return { done: 0, caughtUp: true, blocked: false };
  });
}

/**
 * The first of some dirty total buckets (at least one) whose sources, a row of each member series,
 * stay within `maxRows`; a prefix, so the marks' order holds.
 */
async function withinSourceRows<D extends { seriesId: number }>(tx: Tx, dirty: D[], maxRows: number): Promise<D[]> {
  const totals = await tx.series.findMany({
    where: { id: { in: [...new Set(dirty.map((d) => d.seriesId))] } },
    select: { id: true, projectId: true, name: true },
  });
  const members = new Map<number, number>();
  for (const t of totals) {
    members.set(
      t.id,
      await tx.series.count({ where: { projectId: t.projectId, name: t.name, NOT: { dims: TOTAL_DIMS } } }),
    );
  }
  let rows = 0;
  let n = 0;
  for (const d of dirty) {
    rows += members.get(d.seriesId) ?? 0;
    if (n > 0 && rows > maxRows) break;
    n++;
  }
  return dirty.slice(0, n);
}

/** The source rows of dirty buckets: the series' own finer rows, or every member's rows for a total. */
async function dirtySources(
  tx: Tx,
  provider: DbProvider,
  level: Level,
  dirty: { seriesId: number; bucket: bigint | number }[],
): Promise<SourceRow[]> {
  const width = level.resolution * 1000;
  if (!level.totals) {
    return rowsOfGroups(
      tx,
      provider,
      level.source,
      dirty.map((d) => ({ seriesId: d.seriesId, from: Number(d.bucket), to: Number(d.bucket) + width })),
    );
  }
  // A total's members: the series of its project and metric. Their rows in the bucket (a total's
  // source rows have the total's resolution, so one bucket each).
  const totals = await tx.series.findMany({
    where: { id: { in: [...new Set(dirty.map((d) => d.seriesId))] } },
    select: { id: true, projectId: true, name: true },
  });
  const out: SourceRow[] = [];
  for (const total of totals) {
    const members = await tx.series.findMany({
      where: { projectId: total.projectId, name: total.name, NOT: { dims: TOTAL_DIMS } },
      select: { id: true },
    });
    const buckets = dirty.filter((d) => d.seriesId === total.id).map((d) => Number(d.bucket));
    for (let i = 0; i < members.length; i += ROWS_PER_STATEMENT) {
      out.push(
        ...(await tx.rollup.findMany({
          where: {
            resolution: level.source,
            seriesId: { in: members.slice(i, i + ROWS_PER_STATEMENT).map((m) => m.id) },
            bucket: { in: buckets },
          },
          select: SOURCE_SELECT,
        })),
      );
    }
  }
  return out;
}
