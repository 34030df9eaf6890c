/**
 * The unit a rule's value is in, from the metric catalogue (lib/metrics): durations of the
 * request metrics and vitals in ms, body sizes in bytes, known gauges and business metrics in
 * their own unit. Ratios of the request metrics are fractions, shown as percentages.
 */
import { BUSINESS_METRICS, INFRASTRUCTURE_METRICS, RED_METRICS, WEB_VITALS } from '@/lib/metrics';

export type RuleUnit = { suffix: string; scale: number };

const NONE: RuleUnit = { suffix: '', scale: 1 };
const PERCENT_OF_FRACTION: RuleUnit = { suffix: '%', scale: 100 };
const FRACTIONS = new Set(['error_ratio', 'availability', 'cache_hit_ratio']);
/** Statistics that count rather than measure: the metric's unit does not apply. */
const COUNTS = new Set(['count', 'apdex']);

const CATALOGUE_SUFFIX: Record<string, string> = { ms: ' ms', s: ' s', By: ' B', '%': '%', USD: ' USD' };

const METRIC_UNITS = new Map<string, string | null>([
  [RED_METRICS.duration, 'ms'],
  [RED_METRICS.dbDuration, 'ms'],
  [RED_METRICS.requestSize, 'By'],
  [RED_METRICS.responseSize, 'By'],
  ...Object.values(WEB_VITALS).map((v) => [v.metric, v.unit] as const),
  ...[...INFRASTRUCTURE_METRICS, ...BUSINESS_METRICS].flatMap((m) => m.names.map((n) => [n, m.unit] as const)),
]);

export function ruleUnit(rule: { type: string; metric: string; statistic: string }): RuleUnit {
  if (rule.type === 'burn_rate') return { suffix: '×', scale: 1 };
  if (FRACTIONS.has(rule.statistic)) return PERCENT_OF_FRACTION;
  if (COUNTS.has(rule.statistic)) return NONE;
  if (rule.statistic === 'rate') return { suffix: '/s', scale: 1 };
  const unit = METRIC_UNITS.get(rule.metric);
  return unit ? { suffix: CATALOGUE_SUFFIX[unit] ?? ` ${unit}`, scale: 1 } : NONE;
}

/** How the threshold field is read, for the editor's hint. */
export function thresholdHint(rule: { type: string; metric: string; statistic: string }): string | undefined {
  const unit = ruleUnit(rule);
  if (unit === PERCENT_OF_FRACTION) return 'A fraction: 0.05 is 5%';
  return unit.suffix ? `In ${unit.suffix.trim()}` : undefined;
}
