/**
 * A range cut into about `points` steps of a round width (1, 2, 5, 10, 15, 30 minutes, 1, 2, 3,
 * 6, 12 hours, days), each step read from the coarsest rollups that divide it. Steps are aligned
 * to the epoch (UTC), so the first one may start before the range.
 */
import type { Db } from '../db/client';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../rollup';
import { rollupsFor, type RollupSlice } from '../rollup';
import type { Range, SeriesSet } from '../rollup';

const ROUND_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720].map((m) => m * MINUTE_MS);

/** `steps` steps of `step` ms from `start`. */
export type StepGrid = { start: number; step: number; steps: number };

/** The smallest round step that cuts the range into at most `points` steps. */
export function stepFor(range: Range, points: number): number {
  const raw = (range.to - range.from) / points;
  return ROUND_STEPS.find((s) => s >= raw) ?? Math.ceil(raw / DAY_MS) * DAY_MS;
}

/** The coarsest rollup resolution (seconds) whose buckets tile a step. */
export function resolutionFor(step: number): number {
  if (step % DAY_MS === 0) return 86400;
  if (step % HOUR_MS === 0) return 3600;
  return 60;
}

/** The steps of `step` ms covering a range, the first aligned to the epoch at or before its start. */
export function gridFor(range: Range, step: number): StepGrid {
  const start = Math.floor(range.from / step) * step;
  return { start, step, steps: Math.ceil((range.to - start) / step) };
}

/** The rollup rows of a set over a grid's steps, at the resolution that tiles them. */
export function rollupsForSteps(db: Db, set: SeriesSet, range: Range, grid: StepGrid): Promise<RollupSlice[]> {
  return rollupsFor(db, set, { from: grid.start, to: range.to }, resolutionFor(grid.step));
}

/** Rows per step of the grid, in their order; rows outside it are left out. */
export function bySteps(rows: readonly RollupSlice[], { start, step, steps }: StepGrid): RollupSlice[][] {
  const out = Array.from({ length: steps }, (): RollupSlice[] => []);
  for (const r of rows) {
    const i = Math.floor((Number(r.bucket) - start) / step);
    if (i >= 0 && i < steps) out[i]!.push(r);
  }
  return out;
}

/**
 * The grid of the period before, step for step: the range's grid moved back by the range's length
 * (rounded to whole steps, so its buckets fall on the same round times), for a chart's
 * previous-period line. Step i of both grids is the same time of day for a day's range.
 */
export function previousGrid(range: Range, grid: StepGrid): StepGrid {
  const shift = Math.max(1, Math.round((range.to - range.from) / grid.step)) * grid.step;
  return { start: grid.start - shift, step: grid.step, steps: grid.steps };
}

/** The rows of the period before over `previousGrid`'s steps. */
export function previousSteps(db: Db, set: SeriesSet, range: Range, grid: StepGrid): Promise<RollupSlice[]> {
  const before = previousGrid(range, grid);
  return rollupsForSteps(db, set, { from: before.start, to: before.start + (range.to - grid.start) }, before);
}

/**
 * A view's reads of a set, at once: the rows over the range, over its steps, and, when comparing,
 * over the period before and (unless a view draws no line for it) its steps; empty when not comparing.
 */
export function rollupsForView(
  db: Db,
  set: SeriesSet,
  range: Range,
  grid: StepGrid,
  before: Range | null,
  { beforeSteps = true }: { beforeSteps?: boolean } = {},
): Promise<[range: RollupSlice[], steps: RollupSlice[], before: RollupSlice[], beforeSteps: RollupSlice[]]> {
  return Promise.all([
    rollupsFor(db, set, range),
    rollupsForSteps(db, set, range, grid),
    before ? rollupsFor(db, set, before) : Promise.resolve([]),
    before && beforeSteps ? previousSteps(db, set, range, grid) : Promise.resolve([]),
  ]);
}
