/**
 * The Web Vitals view's read: for a project, a range, optional route and device filters and a
 * percentile (p75 by default, as Google rates pages; p90, p95, p99), per vital: the percentile,
 * the good / needs-improvement / poor shares (the merged sketch's counts at the thresholds, to
 * within its 1% bins), the rating, the period before when comparing; the percentile over time;
 * the same per page route (worst first, by performance score) and per device; a histogram per
 * vital from the sketch's bins; and the worst pages with the attribution the tracker sent for
 * their vitals not rated good (VitalSample). Rollups are read once for the range, once for the
 * steps and once for the period before; rows are grouped in memory.
 */
import type { Db } from '../db/client';
import {
  DEFAULT_VITAL_PERCENTILE,
  DEVICES,
  performanceScore,
  rateVital,
  VITAL_PERCENTILES,
  VITALS,
  WEB_VITALS,
  type VitalPercentile,
  type VitalRating,
  type WebVital,
} from '../metrics';
import { findSeries, foldRows, quantile, rollupsFor, type Range, type RollupSlice, type SeriesRef } from '../rollup';
import { histogramOf } from './endpoint';
import { resolutionFor, stepFor } from './timeseries';

/** Steps of the charts: at most this many (the round step that fits, see timeseries.ts). */
export const VITAL_CHART_POINTS = 300;
/** Worst pages listed with their attribution. */
export const WORST_PAGES = 5;
/** INP samples read per query for the phase medians (the most recent ones). */
export const INP_PHASE_SAMPLES = 5_000;

export type VitalShares = { good: number; needsImprovement: number; poor: number };

export type VitalValue = {
  /** Values in the range. */
  count: number;
  /** The chosen percentile; null without values. */
  value: number | null;
  rating: VitalRating | null;
};

export type VitalSummary = VitalValue & {
  vital: WebVital;
  unit: 'ms' | null;
  good: number;
  poor: number;
  /** Shares of values rated good (≤ good), needs improvement and poor (> poor); null without values. */
  shares: VitalShares | null;
  /** The same percentile over the period before; null when not comparing. */
  previous: VitalValue | null;
};

export type VitalBreakdownRow = {
  /** A page route template or a device class. */
  key: string;
  /** Page loads: the most values any vital has (not every load reports INP). */
  samples: number;
  /** 0-100 from the vitals' percentiles with Sentry's weights; null without values. */
  score: number | null;
  vitals: Record<WebVital, VitalValue>;
};

export type VitalAttribution = {
  vital: WebVital;
  /** Samples not rated good with attribution in the range. */
  samples: number;
  /** The most frequent element (LCP element, INP target, the largest layout shift's source). */
  target: { value: string; count: number } | null;
  /** LCP: the most frequent resource URL. */
  url: { value: string; count: number } | null;
  /** INP: the most frequent interaction type of the top target, and its phases' medians in ms. */
  interaction: string | null;
  phases: { inputDelay: number | null; processing: number | null; presentation: number | null } | null;
};

export type WorstPage = VitalBreakdownRow & { attribution: VitalAttribution[] };

export type VitalPoint = { t: number } & Record<WebVital, number | null>;

export type WebVitals = {
  range: Range;
  previousRange: Range | null;
  percentile: VitalPercentile;
  /** Every route and device with vitals (unfiltered), for filter choices. */
  routes: string[];
  devices: string[];
  vitals: VitalSummary[];
  /** Score of the whole selection (0-100), null without values. */
  score: number | null;
  step: number;
  points: VitalPoint[];
  /** Worst score first, then most samples. */
  byRoute: VitalBreakdownRow[];
  /** In DEVICES order. */
  byDevice: VitalBreakdownRow[];
  histograms: Record<WebVital, { from: number; to: number; count: number }[]>;
  worstPages: WorstPage[];
};

export type VitalFilters = { route?: string; device?: string };

// --- Reading ---------------------------------------------------------------------------------

type Tagged = { vital: WebVital; route: string; device: string };

function valueOf(rows: readonly RollupSlice[], q: number): { value: VitalValue; folded: ReturnType<typeof foldRows> } {
  const folded = foldRows(rows);
  const value = folded.sketch && folded.count ? quantile(folded.sketch, q, folded) : null;
  return { value: { count: folded.count, value, rating: null }, folded };
}

function rated(vital: WebVital, v: VitalValue): VitalValue {
  return { ...v, rating: v.value === null ? null : rateVital(vital, v.value) };
}

function emptyByVital<T>(make: () => T): Record<WebVital, T> {
  return Object.fromEntries(VITALS.map((v) => [v, make()])) as Record<WebVital, T>;
}

/** Rows per vital, and per key (route or device) and vital. */
function group(rows: readonly RollupSlice[], tags: ReadonlyMap<number, Tagged>, by: 'route' | 'device') {
  const out = new Map<string, Record<WebVital, RollupSlice[]>>();
  for (const r of rows) {
    const t = tags.get(r.seriesId);
    if (!t) continue;
    let entry = out.get(t[by]);
    if (!entry) out.set(t[by], (entry = emptyByVital<RollupSlice[]>(() => [])));
    entry[t.vital].push(r);
  }
  return out;
}

function breakdownRow(key: string, byVital: Record<WebVital, RollupSlice[]>, q: number): VitalBreakdownRow {
  const vitals = emptyByVital<VitalValue>(() => ({ count: 0, value: null, rating: null }));
  for (const vital of VITALS) vitals[vital] = rated(vital, valueOf(byVital[vital], q).value);
  return {
    key,
    samples: Math.max(...VITALS.map((v) => vitals[v].count)),
    score: performanceScore(Object.fromEntries(VITALS.map((v) => [v, vitals[v].value]))),
    vitals,
  };
}

function mostFrequent(counts: ReadonlyMap<string, number>): { value: string; count: number } | null {
  let best: { value: string; count: number } | null = null;
  for (const [value, count] of counts)
    if (!best || count > best.count || (count === best.count && value < best.value)) best = { value, count };
  return best;
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function attributionFor(
  db: Db,
  projectId: string,
  routes: readonly string[],
  filters: VitalFilters,
  range: Range,
): Promise<Map<string, VitalAttribution[]>> {
  const out = new Map<string, VitalAttribution[]>();
  if (routes.length === 0) return out;
  const where = {
    projectId,
    route: { in: [...routes] },
    ts: { gte: BigInt(range.from), lt: BigInt(range.to) },
    ...(filters.device !== undefined ? { device: filters.device } : {}),
  };
  const [groups, inp] = await Promise.all([
    db.vitalSample.groupBy({ by: ['route', 'vital', 'target', 'url'], where, _count: { _all: true } }),
    db.vitalSample.findMany({
      where: { ...where, vital: 'INP' },
      select: { route: true, target: true, interaction: true, inputDelay: true, processing: true, presentation: true },
      orderBy: { ts: 'desc' },
      take: INP_PHASE_SAMPLES,
    }),
  ]);
  type Acc = { samples: number; targets: Map<string, number>; urls: Map<string, number> };
  const acc = new Map<string, Acc>();
  for (const g of groups) {
    const key = `${g.route}\u0000${g.vital}`;
    let a = acc.get(key);
    if (!a) acc.set(key, (a = { samples: 0, targets: new Map(), urls: new Map() }));
    const n = g._count._all;
    a.samples += n;
    if (g.target) a.targets.set(g.target, (a.targets.get(g.target) ?? 0) + n);
    if (g.url) a.urls.set(g.url, (a.urls.get(g.url) ?? 0) + n);
  }
  for (const route of routes) {
    const list: VitalAttribution[] = [];
    for (const vital of ['LCP', 'INP', 'CLS'] as const) {
      const a = acc.get(`${route}\u0000${vital}`);
      if (!a) continue;
      const target = mostFrequent(a.targets);
      const item: VitalAttribution = {
        vital,
        samples: a.samples,
        target,
        url: vital === 'LCP' ? mostFrequent(a.urls) : null,
        interaction: null,
        phases: null,
      };
      if (vital === 'INP') {
        const same = inp.filter((s) => s.route === route && (target === null || s.target === target.value));
        const kinds = new Map<string, number>();
        for (const s of same) if (s.interaction) kinds.set(s.interaction, (kinds.get(s.interaction) ?? 0) + 1);
        item.interaction = mostFrequent(kinds)?.value ?? null;
        const phase = (k: 'inputDelay' | 'processing' | 'presentation') =>
          median(same.map((s) => s[k]).filter((v): v is number => v !== null));
        const phases = {
          inputDelay: phase('inputDelay'),
          processing: phase('processing'),
          presentation: phase('presentation'),
        };
        item.phases = Object.values(phases).some((v) => v !== null) ? phases : null;
      }
      list.push(item);
    }
    out.set(route, list);
  }
  return out;
}

const byScore = (a: VitalBreakdownRow, b: VitalBreakdownRow) =>
  (a.score ?? 101) - (b.score ?? 101) || b.samples - a.samples || a.key.localeCompare(b.key);

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

  const step = stepFor(range, VITAL_CHART_POINTS);
  const start = Math.floor(range.from / step) * step;
  const steps = Math.ceil((range.to - start) / step);
  const previousRange = compare ? { from: range.from - (range.to - range.from), to: range.from } : null;
  const [rows, stepRows, previousRows] = await Promise.all([
    rollupsFor(db, set, range),
    rollupsFor(db, set, { from: start, to: range.to }, resolutionFor(step)),
    previousRange ? rollupsFor(db, set, previousRange) : Promise.resolve([]),
  ]);

  const perVital = emptyByVital<RollupSlice[]>(() => []);
  const perVitalBefore = emptyByVital<RollupSlice[]>(() => []);
  for (const r of rows) {
    const t = tags.get(r.seriesId);
    if (t) perVital[t.vital].push(r);
  }
  for (const r of previousRows) {
    const t = tags.get(r.seriesId);
    if (t) perVitalBefore[t.vital].push(r);
  }

  const histograms = emptyByVital<WebVitals['histograms'][WebVital]>(() => []);
  const vitals: VitalSummary[] = VITALS.map((vital) => {
    const { good, poor, unit } = WEB_VITALS[vital];
    const { value, folded } = valueOf(perVital[vital], q);
    histograms[vital] = histogramOf(folded.sketch);
    let shares: VitalShares | null = null;
    if (folded.sketch && folded.count) {
      const atMostGood = Math.min(folded.count, folded.sketch.countAtMost(good));
      const atMostPoor = Math.min(folded.count, folded.sketch.countAtMost(poor));
      shares = {
        good: atMostGood / folded.count,
        needsImprovement: (atMostPoor - atMostGood) / folded.count,
        poor: (folded.count - atMostPoor) / folded.count,
      };
    }
    return {
      vital,
      unit,
      good,
      poor,
      ...rated(vital, value),
      shares,
      previous: previousRange ? rated(vital, valueOf(perVitalBefore[vital], q).value) : null,
    };
  });

  const perStep = Array.from({ length: steps }, () => emptyByVital<RollupSlice[]>(() => []));
  for (const r of stepRows) {
    const t = tags.get(r.seriesId);
    const i = Math.floor((Number(r.bucket) - start) / step);
    if (!t || i < 0 || i >= steps) continue;
    perStep[i]![t.vital].push(r);
  }
  const points: VitalPoint[] = perStep.map((byVital, i) => {
    const point = { t: start + i * step } as VitalPoint;
    for (const vital of VITALS) point[vital] = valueOf(byVital[vital], q).value.value;
    return point;
  });

  const byRoute = [...group(rows, tags, 'route')]
    .map(([key, byVital]) => breakdownRow(key, byVital, q))
    .filter((r) => r.samples > 0)
    .sort(byScore);
  const deviceGroups = group(rows, tags, 'device');
  const byDevice = [...deviceGroups]
    .map(([key, byVital]) => breakdownRow(key, byVital, q))
    .filter((r) => r.samples > 0)
    .sort((a, b) => {
      const ia = (DEVICES as readonly string[]).indexOf(a.key);
      const ib = (DEVICES as readonly string[]).indexOf(b.key);
      return (ia < 0 ? DEVICES.length : ia) - (ib < 0 ? DEVICES.length : ib) || a.key.localeCompare(b.key);
    });

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

  const sorted = (tag: string) =>
    [...new Set(all.map((s) => s.dims[tag]).filter((v): v is string => v !== undefined))].sort();
  return {
    range,
    previousRange,
    percentile,
    routes: sorted('route'),
    devices: sorted('device'),
    vitals,
    score: performanceScore(Object.fromEntries(vitals.map((v) => [v.vital, v.value]))),
    step,
    points,
    byRoute,
    byDevice,
    histograms,
    worstPages: worst.map((r) => ({ ...r, attribution: attribution.get(r.key) ?? [] })),
  };
}
