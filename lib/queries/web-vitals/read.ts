/**
 * The Web Vitals view's read: for a project, a range, optional route and device filters and a
 * percentile (p75 by default, as Google rates pages; p90, p95, p99), per vital: the percentile,
 * the good / needs-improvement / poor shares (the merged sketch's counts at the thresholds, to
 * within its 1% bins), the rating, the period before when comparing; the percentile over time;
 * the same per page route (worst first, by performance score) and per device; a histogram per
 * vital from the sketch's bins; and the worst pages with the attribution the tracker sent for
 * their vitals not rated good (attribution.ts). Rollups are read once for the range, once for
 * the steps and once for the period before; rows are grouped in memory (summary.ts).
 */
import type { Db } from '../../db/client';
import {
  DEFAULT_VITAL_PERCENTILE,
  performanceScore,
  VITAL_PERCENTILES,
  VITALS,
  WEB_VITALS,
  type VitalPercentile,
  type WebVital,
} from '../../metrics';
import { findSeries, type Range, type SeriesRef } from '../../rollup';
import { previousRange } from '../../views/period';
import { tagValues } from '../group';
import { histogramOf } from '../histogram';
import { bySteps, gridFor, previousGrid, rollupsForView, stepFor } from '../steps';
import { attributionFor } from './attribution';
import {
  breakdown,
  byDeviceOrder,
  byScore,
  byVital,
  emptyByVital,
  rated,
  sharesOf,
  valueOf,
  type Tagged,
} from './summary';
import type { VitalFilters, VitalPoint, VitalSummary, WebVitals } from './types';

/** Steps of the charts: at most this many (the round step that fits, see steps.ts). */
export const VITAL_CHART_POINTS = 300;
/** Worst pages listed with their attribution. */
export const WORST_PAGES = 5;

export async function getWebVitals(
  db: Db,
  projectId: string,
  filters: VitalFilters,
  range: Range,
  { percentile = DEFAULT_VITAL_PERCENTILE, compare = false }: { percentile?: VitalPercentile; compare?: boolean } = {},
): Promise<WebVitals> {
  const q = VITAL_PERCENTILES[percentile];
  const found = await Promise.all(VITALS.map((v) => findSeries(db, projectId, WEB_VITALS[v].metric)));
  const all: (SeriesRef & { vital: WebVital })[] = found.flatMap((list, i) =>
    list.map((s) => ({ ...s, vital: VITALS[i]! })),
  );
  const series = all.filter(
    (s) =>
      (filters.route === undefined || s.dims.route === filters.route) &&
      (filters.device === undefined || s.dims.device === filters.device),
  );
  const tags = new Map<number, Tagged>(
    series.map((s) => [s.id, { vital: s.vital, route: s.dims.route ?? '', device: s.dims.device ?? '' }]),
  );
  const set = { ids: series.map((s) => s.id), total: null };

  const grid = gridFor(range, stepFor(range, VITAL_CHART_POINTS));
  const before = compare ? previousRange(range) : null;
  const [rows, stepRows, previousRows, previousStepRows] = await rollupsForView(db, set, range, grid, before);

  const perVital = byVital(rows, tags);
  const perVitalBefore = byVital(previousRows, tags);
  const histograms = emptyByVital<WebVitals['histograms'][WebVital]>(() => []);
  const vitals: VitalSummary[] = VITALS.map((vital) => {
    const { good, poor, unit } = WEB_VITALS[vital];
    const { value, folded } = valueOf(perVital[vital], q);
    histograms[vital] = histogramOf(folded.sketch);
    return {
      vital,
      unit,
      good,
      poor,
      ...rated(vital, value),
      shares: sharesOf(folded, vital),
      previous: before ? rated(vital, valueOf(perVitalBefore[vital], q).value) : null,
    };
  });

  const beforeSteps = before && previousRows.length > 0 ? bySteps(previousStepRows, previousGrid(range, grid)) : null;
  const points = bySteps(stepRows, grid).map((list, i): VitalPoint => {
    const perStep = byVital(list, tags);
    const perStepBefore = beforeSteps ? byVital(beforeSteps[i]!, tags) : null;
    const point = { t: grid.start + i * grid.step, previous: perStepBefore ? {} : null } as VitalPoint;
    for (const vital of VITALS) {
      point[vital] = valueOf(perStep[vital], q).value.value;
      if (perStepBefore) point.previous![vital] = valueOf(perStepBefore[vital], q).value.value;
    }
    return point;
  });

  const byRoute = breakdown(rows, tags, 'route', q).sort(byScore);
  const byDevice = breakdown(rows, tags, 'device', q).sort(byDeviceOrder);

  // The worst pages: those with a vital not rated good at this percentile, worst score first.
  const worst = byRoute
    .filter((r) => VITALS.some((v) => r.vitals[v].rating !== null && r.vitals[v].rating !== 'good'))
    .slice(0, WORST_PAGES);
  const attribution = await attributionFor(
    db,
    projectId,
    worst.map((r) => r.key),
    filters,
    range,
  );

  return {
    range,
    previousRange: before,
    percentile,
    routes: tagValues(all, 'route'),
    devices: tagValues(all, 'device'),
    vitals,
    score: performanceScore(Object.fromEntries(vitals.map((v) => [v.vital, v.value]))),
    step: grid.step,
    points,
    byRoute,
    byDevice,
    histograms,
    worstPages: worst.map((r) => ({ ...r, attribution: attribution.get(r.key) ?? [] })),
  };
}
