/**
 * The statistics an alert rule can compare, for the server's schemas and the rule editor alike
 * (nothing here imports server code): each one's label, whether it is read from the request
 * metrics whatever the rule's metric says, and what its values are in.
 */
import { isRatioUnit, type RatioUnit } from '../metrics/units';
import { formatRatio } from '../format/numbers';

export const STATISTICS = [
  'p50',
  'p75',
  'p90',
  'p95',
  'p99',
  'avg',
  'min',
  'max',
  'rate',
  'count',
  'error_ratio',
  'availability',
  'apdex',
  'cache_hit_ratio',
] as const;
export type Statistic = (typeof STATISTICS)[number];

/**
 * What a statistic's values are in: `series`, the unit of the metric's series (percentiles,
 * average, extremes); `1`, a 0-1 ratio; `score`, an Apdex score from 0 to 1 (not a share of
 * anything); `per_second`, events (or a counter's sum) per second; `count`, a plain count.
 */
export type Yields = 'series' | RatioUnit | 'score' | 'per_second' | 'count';

export type StatisticInfo = {
  key: Statistic;
  label: string;
  yields: Yields;
  /** Read from the request metrics (RED), whatever the rule's metric says. */
  ofRequests: boolean;
};

const info = (key: Statistic, label: string, yields: Yields, ofRequests = false): StatisticInfo => ({
  key,
  label,
  yields,
  ofRequests,
});

/** In the editor's order. */
export const STATISTIC_LIST: readonly StatisticInfo[] = [
  info('p50', 'p50 (median)', 'series'),
  info('p75', 'p75', 'series'),
  info('p90', 'p90', 'series'),
  info('p95', 'p95', 'series'),
  info('p99', 'p99', 'series'),
  info('avg', 'average', 'series'),
  info('min', 'minimum', 'series'),
  info('max', 'maximum', 'series'),
  info('rate', 'rate per second', 'per_second'),
  info('count', 'count', 'count'),
  info('error_ratio', 'error ratio of requests (5xx)', '1', true),
  info('availability', 'availability of requests (not 5xx)', '1', true),
  info('apdex', 'Apdex score of requests', 'score', true),
  info('cache_hit_ratio', 'cache hit ratio of requests', '1', true),
];

export const STATISTIC_INFO = Object.fromEntries(STATISTIC_LIST.map((s) => [s.key, s])) as Record<
  Statistic,
  StatisticInfo
>;

export function isStatistic(value: string): value is Statistic {
  return Object.hasOwn(STATISTIC_INFO, value);
}

/** Statistics read from the request metrics, whatever the rule's metric says. */
export const REQUEST_STATISTICS: ReadonlySet<string> = new Set(
  STATISTIC_LIST.filter((s) => s.ofRequests).map((s) => s.key),
);

/**
 * Whether a threshold stated as a ratio (`thresholdUnit` `1` or `%`) can apply: to the ratio
 * statistics, and to those in the series' unit when that unit is a ratio (checked per series).
 */
export function takesRatioThreshold(statistic: string): boolean {
  if (!isStatistic(statistic)) return false;
  const { yields } = STATISTIC_INFO[statistic];
  return yields === 'series' || yields === '1' || yields === '%';
}

/** The unit of a statistic's values, given the unit its metric's series are read in. */
export function statisticUnit(statistic: string, seriesUnit: string | null): string | null {
  if (!isStatistic(statistic)) return null;
  const { yields } = STATISTIC_INFO[statistic];
  if (yields === 'series') return seriesUnit;
  if (yields === '1' || yields === '%') return yields;
  if (yields === 'per_second') return '/s';
  return null;
}

/**
 * A rule's threshold or value as people read it: a percentage when the rule states its
 * threshold as a ratio (values are in that unit too), else the plain number.
 */
export function formatRuleValue(value: number | null, thresholdUnit: string | null | undefined): string {
  if (value === null) return 'no data';
  if (isRatioUnit(thresholdUnit)) return formatRatio(value, thresholdUnit);
  return Math.abs(value) >= 100 ? value.toFixed(0) : Number(value.toPrecision(4)).toString();
}
