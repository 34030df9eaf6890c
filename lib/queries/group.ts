/** Rollup rows and series grouped in memory, so a view reads its rows once for every group. */
import type { RollupSlice, SeriesRef } from '../rollup';

/** Rows per group of their series, in their order; rows of a series without a group are left out. */
export function groupRows<K>(rows: readonly RollupSlice[], groupOf: ReadonlyMap<number, K>): Map<K, RollupSlice[]> {
  const groups = new Map<K, RollupSlice[]>();
  for (const r of rows) {
    const g = groupOf.get(r.seriesId);
    if (g === undefined) continue;
    const list = groups.get(g);
    if (list) list.push(r);
    else groups.set(g, [r]);
  }
  return groups;
}

/** Every value a tag takes across series, sorted (a view's filter choices). */
export function tagValues(series: readonly SeriesRef[], tag: string): string[] {
  return [...new Set(series.map((s) => s.dims[tag]).filter((v): v is string => v !== undefined))].sort();
}
