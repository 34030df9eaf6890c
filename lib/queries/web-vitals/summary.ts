/**
 * The Web Vitals read's arithmetic on rollup rows tagged by vital, route and device: a vital's
 * percentile and rating, the good / needs-improvement / poor shares from the merged sketch's
 * counts at the thresholds, and a row per route or device with its performance score.
 */
import { DEVICES, performanceScore, rateVital, VITALS, WEB_VITALS, type WebVital } from '../../metrics';
import { foldRows, quantile, type RollupSlice } from '../../rollup';
import { groupRows } from '../group';
import type { VitalBreakdownRow, VitalShares, VitalValue } from './types';

/** What a vital series stands for. */
export type Tagged = { vital: WebVital; route: string; device: string };

/** The percentile `q` of rows (not yet rated), and the rows folded. */
export function valueOf(
  rows: readonly RollupSlice[],
  q: number,
): { value: VitalValue; folded: ReturnType<typeof foldRows> } {
  const folded = foldRows(rows);
  const value = folded.sketch && folded.count ? quantile(folded.sketch, q, folded) : null;
  return { value: { count: folded.count, value, rating: null }, folded };
}

export function rated(vital: WebVital, v: VitalValue): VitalValue {
  return { ...v, rating: v.value === null ? null : rateVital(vital, v.value) };
}

export function emptyByVital<T>(make: () => T): Record<WebVital, T> {
  return Object.fromEntries(VITALS.map((v) => [v, make()])) as Record<WebVital, T>;
}

/** Rows per vital, in their order; rows of untagged series are left out. */
export function byVital(
  rows: readonly RollupSlice[],
  tags: ReadonlyMap<number, Tagged>,
): Record<WebVital, RollupSlice[]> {
  const out = emptyByVital<RollupSlice[]>(() => []);
  for (const r of rows) {
    const t = tags.get(r.seriesId);
    if (t) out[t.vital].push(r);
  }
  return out;
}

/** Shares of the folded values rated good, needing improvement and poor; null without values. */
export function sharesOf(folded: ReturnType<typeof foldRows>, vital: WebVital): VitalShares | null {
  if (!folded.sketch || !folded.count) return null;
  const { good, poor } = WEB_VITALS[vital];
  const atMostGood = Math.min(folded.count, folded.sketch.countAtMost(good));
  const atMostPoor = Math.min(folded.count, folded.sketch.countAtMost(poor));
  return {
    good: atMostGood / folded.count,
    needsImprovement: (atMostPoor - atMostGood) / folded.count,
    poor: (folded.count - atMostPoor) / folded.count,
  };
}

function breakdownRow(key: string, rows: Record<WebVital, RollupSlice[]>, q: number): VitalBreakdownRow {
  const vitals = emptyByVital<VitalValue>(() => ({ count: 0, value: null, rating: null }));
  for (const vital of VITALS) vitals[vital] = rated(vital, valueOf(rows[vital], q).value);
  return {
    key,
    samples: Math.max(...VITALS.map((v) => vitals[v].count)),
    score: performanceScore(Object.fromEntries(VITALS.map((v) => [v, vitals[v].value]))),
    vitals,
  };
}

/** A row per route or device with values, in the order each first appears in the rows. */
export function breakdown(
  rows: readonly RollupSlice[],
  tags: ReadonlyMap<number, Tagged>,
  by: 'route' | 'device',
  q: number,
): VitalBreakdownRow[] {
  const keyOf = new Map([...tags].map(([id, t]) => [id, t[by]]));
  return [...groupRows(rows, keyOf)]
    .map(([key, list]) => breakdownRow(key, byVital(list, tags), q))
    .filter((r) => r.samples > 0);
}

/** Worst score first (rows without a score last), then most samples. */
export const byScore = (a: VitalBreakdownRow, b: VitalBreakdownRow) =>
  (a.score ?? 101) - (b.score ?? 101) || b.samples - a.samples || a.key.localeCompare(b.key);

/** In DEVICES order, other device classes after them. */
export const byDeviceOrder = (a: VitalBreakdownRow, b: VitalBreakdownRow) => {
  const ia = (DEVICES as readonly string[]).indexOf(a.key);
  const ib = (DEVICES as readonly string[]).indexOf(b.key);
  return (ia < 0 ? DEVICES.length : ia) - (ib < 0 ? DEVICES.length : ib) || a.key.localeCompare(b.key);
};
