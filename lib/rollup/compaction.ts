/**
 * One compaction run: the levels (lib/rollup/compact.ts), then the late points staged by the
 * writer and the buckets they made dirty (lib/rollup/backlog.ts), within a time budget.
 */
import { checkpointWal } from '../db/checkpoint';
import type { Db } from '../db/client';
import { backgroundStatements } from '../db/statement-queue';
import type { DbProvider } from '../db/url';
import { DAY_MS } from '../time';
import { foldBacklog, rebuildDirty } from './backlog';
import { compactLevel, LEVELS, SLICE_ROWS, type LevelResult } from './compact';
import { LATENESS_MS } from './time';

/**
 * Lets the event loop run between two transactions. better-sqlite3 answers synchronously, so a
 * chain of statements never yields to timers or sockets on its own: without this, a run of
 * compaction would hold every request (reads, ingestion, health) until it ends.
 */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Between two transactions: SQLite's log checkpointed (lib/db/checkpoint.ts), then the event loop's turn. */
async function between(db: Db): Promise<void> {
  await checkpointWal(db);
  await breathe();
}

/** Raw points are kept this many days unless the caller says otherwise (RETENTION_RAW_DAYS). */
export const DEFAULT_RAW_DAYS = 7;

export type CompactionReport = {
  levels: { level: string; until: number; groups: number }[];
  /** Staged late points folded, and dirty buckets rebuilt, in this run. */
  late: { points: number; rebuilt: number };
  caughtUp: boolean;
};

export type CompactOptions = {
  now?: number;
  /** Stops starting new transactions once spent; a backlog is worked off over several runs. */
  budgetMs?: number;
  sliceRows?: number;
  /** Stops between transactions once aborted (its run lost its lease), not caught up. */
  signal?: AbortSignal;
  /** Late points at most this old also go into the raw points. */
  rawDays?: number;
};

/**
 * Runs every level in order until each has caught up, then the late-point stages, until all is
 * caught up or the budget is spent (a backlog, e.g. after downtime or a backfill, is worked off
 * over several runs in short transactions instead of holding writes or reads for long). On
 * SQLite its statements wait while requests are using the connection (backgroundStatements).
 */
export function compact(db: Db, provider: DbProvider, options: CompactOptions = {}): Promise<CompactionReport> {
  return backgroundStatements(() => compactRun(db, provider, options));
}

async function compactRun(db: Db, provider: DbProvider, options: CompactOptions): Promise<CompactionReport> {
  const { now = Date.now(), budgetMs = 20_000, sliceRows = SLICE_ROWS, signal, rawDays = DEFAULT_RAW_DAYS } = options;
  const started = Date.now();
  const spent = () => Date.now() - started >= budgetMs;
  const report: CompactionReport = { levels: [], late: { points: 0, rebuilt: 0 }, caughtUp: true };
  // The late stages wait while a level has late rows of its own (a race with the writer, rare):
  // the levels run again first.
  for (let pass = 0; pass < 3; pass++) {
    const levels = await runLevels(db, provider, now, sliceRows, started, budgetMs, signal);
    if (!levels) return { ...report, caughtUp: false };
    report.levels = levels.levels;
    if (!levels.caughtUp) return { ...report, caughtUp: false };
    let blocked = false;
    const stages = [
      { run: () => foldBacklog(db, provider, now - rawDays * DAY_MS), count: 'points' as const },
      { run: () => rebuildDirty(db, provider), count: 'rebuilt' as const },
    ];
    for (const stage of stages) {
      for (;;) {
        if (signal?.aborted) return { ...report, caughtUp: false };
        await between(db);
        const result = await stage.run();
        report.late[stage.count] += result.done;
        blocked = result.blocked;
        if (blocked || result.caughtUp) break;
        if (spent()) return { ...report, caughtUp: false };
      }
      if (blocked) break;
    }
    if (!blocked) return report;
    if (spent()) break;
  }
  return { ...report, caughtUp: false };
}

async function runLevels(
  db: Db,
  provider: DbProvider,
  now: number,
  sliceRows: number,
  started: number,
  budgetMs: number,
  signal: AbortSignal | undefined,
): Promise<{ levels: CompactionReport['levels']; caughtUp: boolean } | null> {
  const levels: CompactionReport['levels'] = [];
  let caughtUp = true;
  const reached = new Map<string, number>();
  for (const level of LEVELS) {
    const sourceUntil = level.after === null ? now - LATENESS_MS : reached.get(level.after)!;
    let result: LevelResult;
    let groups = 0;
    do {
      if (signal?.aborted) return null;
      await between(db);
      result = await compactLevel(db, provider, level, sourceUntil, sliceRows);
      groups += result.groups;
    } while (!result.caughtUp && Date.now() - started < budgetMs);
    levels.push({ level: level.name, until: result.until, groups });
    reached.set(level.name, result.until);
    if (!result.caughtUp) caughtUp = false;
  }
  return { levels, caughtUp };
}
