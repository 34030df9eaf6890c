/**
 * The value a rule is judged on at one instant, from the query layer (rollups): a statistic of
 * a metric over the rule's window, error ratio / availability / Apdex from the request metrics,
 * the cache hit ratio, or an SLO burn rate over the multi-window pairs.
 */
import type { Db } from '../db/client';
import { RED_METRICS } from '../metrics';
import { getRed } from '../queries/red';
import type { Filters, Range } from '../rollup';
import { getStats } from '../queries/stats';
import { compare, type Comparator, type Observation } from './state';
import { BURN_WINDOWS, type Statistic } from './rules';

export type RuleInput = {
  projectId: string;
  type: string;
  metric: string;
  filters: Filters;
  statistic: string;
  comparator: string;
  threshold: number;
  windowSec: number;
  slo: number | null;
};

export type Reading = { observation: Observation; value: number | null };

export async function statisticValue(
  db: Db,
  rule: Pick<RuleInput, 'projectId' | 'metric' | 'filters' | 'statistic'>,
  range: Range,
): Promise<number | null> {
  const statistic = rule.statistic as Statistic;
  switch (statistic) {
    case 'error_ratio':
    case 'availability':
    case 'apdex': {
      const red = await getRed(db, rule.projectId, rule.filters, range);
      if (statistic === 'apdex') return red.apdex.score;
      if (red.errorRatio === null) return null;
      return statistic === 'error_ratio' ? red.errorRatio : 1 - red.errorRatio;
    }
    case 'cache_hit_ratio': {
      const [hits, misses] = await Promise.all([
        getStats(db, rule.projectId, RED_METRICS.cacheHits, rule.filters, range),
        getStats(db, rule.projectId, RED_METRICS.cacheMisses, rule.filters, range),
      ]);
      const total = hits.sum + misses.sum;
      return total > 0 ? hits.sum / total : null;
    }
    default: {
      const stats = await getStats(db, rule.projectId, rule.metric, rule.filters, range);
      if (stats.count === 0) return null;
      return stats[statistic];
    }
  }
}

export async function observe(db: Db, rule: RuleInput, now: number): Promise<Reading> {
  if (rule.type === 'burn_rate') {
    const budget = 1 - (rule.slo ?? 0.999);
    const burn = async (seconds: number) => {
      const red = await getRed(db, rule.projectId, rule.filters, { from: now - seconds * 1000, to: now });
      return red.errorRatio === null ? null : red.errorRatio / budget;
    };
    let breached = false;
    let shown: number | null = null;
    for (const [long, short, factor] of BURN_WINDOWS) {
      const [l, s] = await Promise.all([burn(long), burn(short)]);
      if (shown === null && l !== null) shown = l;
      if (l !== null && s !== null && l > factor && s > factor) {
        breached = true;
        shown = l;
        break;
      }
    }
    if (shown === null) return { observation: { kind: 'no_data' }, value: null };
    return { observation: { kind: 'value', breached }, value: shown };
  }
  const value = await statisticValue(db, rule, { from: now - rule.windowSec * 1000, to: now });
  if (value === null || !Number.isFinite(value)) return { observation: { kind: 'no_data' }, value: null };
  return {
    observation: { kind: 'value', breached: compare(value, rule.comparator as Comparator, rule.threshold) },
    value,
  };
}
