/**
 * The value a rule is judged on at one instant, from the query layer (rollups): a statistic of
 * a metric over the rule's window, error ratio / availability / Apdex from the request metrics,
 * the cache hit ratio, or an SLO burn rate over the multi-window pairs.
 *
 * A threshold stated as a ratio (`thresholdUnit` `1` or `%`) is converted to the unit the values
 * come in (the series' unit, or `1` for the request ratios) before comparing, and the value is
 * reported in the threshold's unit, so a rule's threshold and values always read alike.
 */
import type { Db } from '../db/client';
import { convertRatio, isRatioUnit, RED_METRICS, seriesUnit, type RatioUnit } from '../metrics';
import { getRed } from '../queries/red';
import { findSeries, type Filters, type Range } from '../rollup';
import { getStats } from '../queries/stats';
import { compare, type Comparator, type Observation } from './state';
import { BURN_WINDOWS } from './rules';
import { STATISTIC_INFO, type Statistic } from './statistics';

export type RuleInput = {
  projectId: string;
  type: string;
  metric: string;
  filters: Filters;
  statistic: string;
  comparator: string;
  threshold: number;
  thresholdUnit: string | null;
  windowSec: number;
  slo: number | null;
};

/** `value` is in the threshold's unit when the rule states one, else as the series report it. */
export type Reading = { observation: Observation; value: number | null };

/** A ratio threshold that cannot apply to the series the rule reads. */
export class RuleUnitError extends Error {
  override name = 'RuleUnitError';
}

/**
 * The ratio unit a rule's values come in: `1` for the request ratios; else the unit of the
 * metric's series (or its catalogue unit when they were sent without one), which must be one
 * ratio unit for them all. Null when the metric has no series.
 */
async function ratioUnitOf(db: Db, rule: RuleInput, thresholdUnit: RatioUnit): Promise<RatioUnit | null> {
  const yields = STATISTIC_INFO[rule.statistic as Statistic]?.yields;
  if (yields === '1' || yields === '%') return yields;
  const series = await findSeries(db, rule.projectId, rule.metric, rule.filters);
  if (series.length === 0) return null;
  const units = [...new Set(series.map((s) => seriesUnit(rule.metric, s.unit)))];
  const named = units.map((u) => (u === null ? 'no unit' : `"${u}"`));
  if (units.length > 1) {
    throw new RuleUnitError(`${rule.metric} is reported in ${named.join(' and ')}: filter the rule to one of them`);
  }
  const unit = units[0]!;
  if (!isRatioUnit(unit)) {
    throw new RuleUnitError(
      `${rule.metric} is reported in ${named[0]}, not as a ratio: a threshold in "${thresholdUnit}" cannot apply`,
    );
  }
  return unit;
}

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
  const stated = isRatioUnit(rule.thresholdUnit) ? rule.thresholdUnit : null;
  const unit = stated && (await ratioUnitOf(db, rule, stated));
  const value = await statisticValue(db, rule, { from: now - rule.windowSec * 1000, to: now });
  if (value === null || !Number.isFinite(value)) return { observation: { kind: 'no_data' }, value: null };
  const comparator = rule.comparator as Comparator;
  if (!stated || !unit)
    return { observation: { kind: 'value', breached: compare(value, comparator, rule.threshold) }, value };
  return {
    observation: { kind: 'value', breached: compare(value, comparator, convertRatio(rule.threshold, stated, unit)) },
    value: convertRatio(value, unit, stated),
  };
}
