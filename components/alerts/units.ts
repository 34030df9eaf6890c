/**
 * The unit a rule's value is shown in. A rule that states its threshold as a ratio (`%` or `1`)
 * has its values in that unit; otherwise the statistic decides (lib/alerts/statistics.ts), from
 * the metric's catalogue unit (lib/metrics) where the statistic keeps the series' unit.
 */
import { statisticUnit, takesRatioThreshold } from '@/lib/alerts/statistics';
import { catalogueUnit, isRatioUnit } from '@/lib/metrics';

export type RuleUnit = { suffix: string; scale: number };
type RuleShape = { type: string; metric: string; statistic: string; thresholdUnit?: string | null };

const NONE: RuleUnit = { suffix: '', scale: 1 };
const PERCENT: RuleUnit = { suffix: '%', scale: 1 };
const PERCENT_OF_FRACTION: RuleUnit = { suffix: '%', scale: 100 };
const SUFFIX: Record<string, string> = { ms: ' ms', s: ' s', By: ' B', USD: ' USD', '/s': '/s' };

export function ruleUnit(rule: RuleShape): RuleUnit {
  if (rule.type === 'burn_rate') return { suffix: '×', scale: 1 };
  const unit =
    rule.thresholdUnit === '%' || rule.thresholdUnit === '1'
      ? rule.thresholdUnit
      : statisticUnit(rule.statistic, catalogueUnit(rule.metric) ?? null);
  if (unit === '1') return PERCENT_OF_FRACTION;
  if (unit === '%') return PERCENT;
  return unit ? { suffix: SUFFIX[unit] ?? ` ${unit}`, scale: 1 } : NONE;
}

/** How the threshold field is read, for the editor's hint. */
export function thresholdHint(rule: RuleShape): string | undefined {
  if (rule.type === 'threshold' && rule.thresholdUnit === '%') return 'In percent: 1 is 1%';
  const unit = ruleUnit(rule);
  if (unit === PERCENT_OF_FRACTION) return 'A fraction: 0.05 is 5%';
  return unit.suffix ? `In ${unit.suffix.trim()}` : undefined;
}

/**
 * Whether the editor offers a ratio unit for the threshold: for ratio statistics, and for those
 * in the series' unit when the metric is a known ratio or one Observatory does not know.
 */
export function offersThresholdUnit(statistic: string, metric: string): boolean {
  if (!takesRatioThreshold(statistic)) return false;
  const known = catalogueUnit(metric);
  const unit = statisticUnit(statistic, known ?? null);
  return unit === null ? known === undefined : isRatioUnit(unit);
}
