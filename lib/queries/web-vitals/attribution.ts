/**
 * The attribution the tracker sent with vitals not rated good (VitalSample), for the worst pages:
 * per page route and vital the most frequent element (LCP element, INP target, the largest layout
 * shift's source), LCP's most frequent resource, and INP's most frequent interaction type with
 * the medians of its phases. Grouped in SQL; INP phases from the most recent samples.
 */
import type { Db } from '../../db/client';
import type { Range } from '../../rollup';
import type { VitalAttribution, VitalFilters } from './types';

/** INP samples read per query for the phase medians (the most recent ones). */
export const INP_PHASE_SAMPLES = 5_000;

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

/** Per route, the attribution of its vitals (LCP, INP, CLS) with samples in the range and filters. */
export async function attributionFor(
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
