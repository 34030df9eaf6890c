/**
 * Compaction: every flush appends a partial minute row per series, so a busy minute holds
 * hundreds of rows. Once a minute is closed its partials fold into one row; closed hours are
 * built from their minutes and closed days from their hours. Readers then take the coarsest
 * final rows that fit a range (lib/queries/plan.ts), so a 30-day query reads a few hundred rows
 * per series whatever was ingested.
 *
 * Each level keeps a watermark (the Compaction table): buckets before `until` are built, and
 * `seenId` is the highest Rollup id it has looked at. A source row above `seenId` that falls
 * before `until` arrived late (points may be up to the minute retention old); its target bucket
 * is rebuilt from all its sources, so every run is a pure function of the source rows and
 * running one twice changes nothing. A run holds the table against inserts (PostgreSQL: a
 * table lock, SQLite: its write lock), which makes ids below the max committed and the
 * watermark exact; on PostgreSQL an advisory lock lets only one instance compact at a time.
 */
import type { Db, Tx } from '../db/client';
import type { DbProvider } from '../db/url';
import { rollupValues, type RollupRow } from '../ingest/rollup';
import { mergeSketches } from '../ingest/sketch';
import { insertRows, ROLLUP_COLUMNS, ROWS_PER_STATEMENT } from '../ingest/sql';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** A minute is closed this long after it ends; points later than that are folded as late arrivals. */
export const LATENESS_MS = 2 * MINUTE_MS;

export type Level = { resolution: number; source: number; chunk: number };

/** Target and source widths in seconds; `chunk`: target buckets built per transaction at most. */
export const LEVELS: readonly Level[] = [
  { resolution: 60, source: 60, chunk: 240 },
  { resolution: 3600, source: 60, chunk: 12 },
  { resolution: 86400, source: 3600, chunk: 31 },
];

const COMPACTION_LOCK = 7_302_211; // pg_try_advisory_xact_lock key, any constant unique to this job

type SourceRow = {
  id: number | bigint;
  seriesId: number;
  bucket: number | bigint;
  count: number;
  sum: number;
  min: number;
  max: number;
  last: number;
  lastTs: number | bigint;
  sketch: Uint8Array | null;
};

export type LevelResult = { resolution: number; until: number; groups: number; caughtUp: boolean } | null;

/** Folds rows sharing a (series, bucket) into one row of `resolution`. */
export function mergeRows(seriesId: number, resolution: number, bucket: number, rows: readonly SourceRow[]): RollupRow {
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let last = 0;
  let lastTs = -Infinity;
  const sketches: Uint8Array[] = [];
  for (const r of rows) {
    count += r.count;
    sum += r.sum;
    if (r.min < min) min = r.min;
    if (r.max > max) max = r.max;
    if (Number(r.lastTs) >= lastTs) {
      lastTs = Number(r.lastTs);
      last = r.last;
    }
    if (r.sketch) sketches.push(r.sketch);
  }
  const sketch = sketches.length ? mergeSketches(sketches).encode() : null;
  return { seriesId, resolution, bucket, count, sum, min, max, last, lastTs, sketch };
}

const SOURCE_SELECT = {
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

async function maxRollupId(tx: Tx): Promise<number> {
  const row = await tx.rollup.aggregate({ _max: { id: true } });
  return Number(row._max.id ?? 0);
}

/**
 * Builds the next chunk of one level. `sourceUntil`: how far the source is final (for minutes,
 * now − lateness). Returns null when another instance holds the lock.
 */
export async function compactLevel(
  db: Db,
  provider: DbProvider,
  level: Level,
  sourceUntil: number,
): Promise<LevelResult> {
  const width = level.resolution * 1000;
  return db.$transaction(
    async (tx) => {
      if (provider === 'postgresql') {
        const [lock] = await tx.$queryRawUnsafe<{ locked: boolean }[]>(
          `SELECT pg_try_advisory_xact_lock(${COMPACTION_LOCK}) AS locked`,
        );
        if (!lock?.locked) return null;
        await tx.$executeRawUnsafe('LOCK TABLE "Rollup" IN SHARE ROW EXCLUSIVE MODE');
      } else {
        // Take SQLite's write lock now: a read transaction that upgrades later fails at once
        // (SQLITE_BUSY) when another process (the CLI, a seed) is writing.
        await tx.$executeRawUnsafe('DELETE FROM "Compaction" WHERE 0');
      }
      const target = Math.floor(sourceUntil / width) * width;
      const mark = await tx.compaction.findUnique({ where: { resolution: level.resolution } });
      let until = mark ? Number(mark.until) : null;
      const seenId = mark ? Number(mark.seenId) : 0;
      if (until === null) {
        const first = await tx.rollup.aggregate({ where: { resolution: level.source }, _min: { bucket: true } });
        const earliest = first._min.bucket;
        until = earliest === null ? target : Math.min(target, Math.floor(Number(earliest) / width) * width);
      }
      const newUntil = Math.max(until, Math.min(target, until + level.chunk * width));

      // Late arrivals: which target buckets they fall in.
      const late = await tx.rollup.findMany({
        where: { id: { gt: seenId }, resolution: level.source, bucket: { lt: until } },
        select: { seriesId: true, bucket: true },
      });
      const lateGroups = new Set(late.map((r) => groupKey(r.seriesId, floorTo(Number(r.bucket), width))));

      const sources: SourceRow[] = await tx.rollup.findMany({
        where: { resolution: level.source, bucket: { gte: until, lt: newUntil } },
        select: SOURCE_SELECT,
      });
      if (lateGroups.size) sources.push(...(await lateSources(tx, level.source, width, lateGroups)));

      const groups = new Map<string, SourceRow[]>();
      for (const r of sources) {
        const key = groupKey(r.seriesId, floorTo(Number(r.bucket), width));
        const list = groups.get(key);
        if (list) list.push(r);
        else groups.set(key, [r]);
      }
      const rebuilt: RollupRow[] = [];
      const replaced: (number | bigint)[] = [];
      for (const [key, rows] of groups) {
        // A minute that is already one row stays as it is.
        if (level.resolution === level.source && rows.length === 1) continue;
        const [seriesId, bucket] = parseGroupKey(key);
        rebuilt.push(mergeRows(seriesId, level.resolution, bucket, rows));
        if (level.resolution === level.source) replaced.push(...rows.map((r) => r.id));
      }
      if (level.resolution !== level.source && rebuilt.length) {
        replaced.push(...(await existingTargets(tx, level.resolution, width, groups)));
      }
      for (let i = 0; i < replaced.length; i += ROWS_PER_STATEMENT) {
        await tx.rollup.deleteMany({ where: { id: { in: replaced.slice(i, i + ROWS_PER_STATEMENT).map(Number) } } });
      }
      await insertRows(tx, provider, 'Rollup', ROLLUP_COLUMNS, rebuilt.map(rollupValues));
      // Read after our own inserts: nothing else can insert meanwhile, so every id up to here is seen.
      const seen = await maxRollupId(tx);
      await tx.compaction.upsert({
        where: { resolution: level.resolution },
        create: { resolution: level.resolution, until: newUntil, seenId: seen },
        update: { until: newUntil, seenId: seen },
      });
      return { resolution: level.resolution, until: newUntil, groups: rebuilt.length, caughtUp: newUntil >= target };
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
}

/** Every source row of the target buckets that received late rows. */
async function lateSources(tx: Tx, source: number, width: number, groups: Set<string>): Promise<SourceRow[]> {
  const bySeries = new Map<number, number[]>();
  for (const key of groups) {
    const [seriesId, bucket] = parseGroupKey(key);
    bySeries.set(seriesId, [...(bySeries.get(seriesId) ?? []), bucket]);
  }
  const out: SourceRow[] = [];
  for (const [seriesId, buckets] of bySeries) {
    const rows = await tx.rollup.findMany({
      where: {
        seriesId,
        resolution: source,
        bucket: { gte: Math.min(...buckets), lt: Math.max(...buckets) + width },
      },
      select: SOURCE_SELECT,
    });
    out.push(...rows.filter((r) => groups.has(groupKey(r.seriesId, floorTo(Number(r.bucket), width)))));
  }
  return out;
}

/** Ids of target rows already built for these groups (a rebuild replaces them). */
async function existingTargets(
  tx: Tx,
  resolution: number,
  width: number,
  groups: Map<string, unknown>,
): Promise<(number | bigint)[]> {
  const buckets = [...groups.keys()].map((k) => parseGroupKey(k)[1]);
  const rows = await tx.rollup.findMany({
    where: { resolution, bucket: { gte: Math.min(...buckets), lte: Math.max(...buckets) } },
    select: { id: true, seriesId: true, bucket: true },
  });
  return rows.filter((r) => groups.has(groupKey(r.seriesId, floorTo(Number(r.bucket), width)))).map((r) => r.id);
}

const floorTo = (t: number, width: number) => Math.floor(t / width) * width;
const groupKey = (seriesId: number, bucket: number) => `${seriesId}:${bucket}`;
function parseGroupKey(key: string): [number, number] {
  const [s, b] = key.split(':');
  return [Number(s), Number(b)];
}

export type CompactionReport = { levels: { resolution: number; until: number; groups: number }[]; caughtUp: boolean };

/**
 * Runs every level in order until each has caught up or `budgetMs` is spent (a backlog, e.g.
 * after downtime, is worked off over several runs instead of holding writes for long).
 */
export async function compact(
  db: Db,
  provider: DbProvider,
  now = Date.now(),
  budgetMs = 20_000,
): Promise<CompactionReport> {
  const started = Date.now();
  const report: CompactionReport = { levels: [], caughtUp: true };
  let sourceUntil = now - LATENESS_MS;
  for (const level of LEVELS) {
    let result: LevelResult;
    let groups = 0;
    do {
      result = await compactLevel(db, provider, level, sourceUntil);
      if (!result) return { ...report, caughtUp: false };
      groups += result.groups;
    } while (!result.caughtUp && Date.now() - started < budgetMs);
    report.levels.push({ resolution: level.resolution, until: result.until, groups });
    if (!result.caughtUp) report.caughtUp = false;
    // A coarser level may only build from finished rows of this one.
    sourceUntil = result.until;
  }
  return report;
}
