/**
 * What a series' unit means for the numbers in it. Ratios come in two units: `1`, a
 * dimensionless 0-1 ratio (OpenTelemetry's convention for utilizations and `*.ratio`, and
 * Prometheus's), and `%`, 0-100. Every reader interprets a ratio by the unit its series was
 * stored with (`Series.unit`, from the points' `unit`), so a project may send either; a series
 * sent without a unit is read in its metric's catalogue unit (known.ts), which for the known
 * ratio metrics is `%`, how they have always been shown.
 */
import { BUSINESS_METRICS, INFRASTRUCTURE_METRICS } from './known';
import { RED_METRICS } from './red';
import { WEB_VITALS } from './web-vitals';

export const RATIO_UNITS = ['1', '%'] as const;
export type RatioUnit = (typeof RATIO_UNITS)[number];

const SCALE: Record<RatioUnit, number> = { '1': 1, '%': 100 };

export function isRatioUnit(unit: string | null | undefined): unit is RatioUnit {
  return unit === '1' || unit === '%';
}

/** The factor that takes a ratio from one unit to another: 100 from `1` to `%`. */
export function ratioFactor(from: RatioUnit, to: RatioUnit): number {
  return SCALE[to] / SCALE[from];
}

/**
 * A ratio in another unit: 0.026 in `1` is 2.6 in `%`. Dividing when scaling down keeps a
 * threshold such as 7 % exactly 0.07, so a value equal to it compares as equal.
 */
export function convertRatio(value: number, from: RatioUnit, to: RatioUnit): number {
  if (from === to) return value;
  return SCALE[to] > SCALE[from] ? value * (SCALE[to] / SCALE[from]) : value / (SCALE[from] / SCALE[to]);
}

/** The factor taking values in unit `from` into unit `to`: 100 from `1` to `%`; 1 unless both are ratio units. */
export function unitFactor(from: string | null, to: string | null): number {
  return isRatioUnit(from) && isRatioUnit(to) ? ratioFactor(from, to) : 1;
}

/** A ratio as a share of one (0-1), whichever unit it is in. */
export function toFraction(value: number, unit: RatioUnit): number {
  return convertRatio(value, unit, '1');
}

/**
 * The unit of every metric Observatory names itself: the request metrics (durations in ms,
 * sizes in bytes, counts without a unit), the web vitals and the known infrastructure and
 * business metrics. For a known ratio metric this is the unit assumed when a series states none.
 */
const CATALOGUE_UNITS: ReadonlyMap<string, string | null> = new Map<string, string | null>([
  [RED_METRICS.duration, 'ms'],
  [RED_METRICS.requests, null],
  [RED_METRICS.errors, null],
  [RED_METRICS.dbDuration, 'ms'],
  [RED_METRICS.dbQueries, null],
  [RED_METRICS.cacheHits, null],
  [RED_METRICS.cacheMisses, null],
  [RED_METRICS.requestSize, 'By'],
  [RED_METRICS.responseSize, 'By'],
  ...Object.values(WEB_VITALS).map((v): [string, string | null] => [v.metric, v.unit]),
  ...[...INFRASTRUCTURE_METRICS, ...BUSINESS_METRICS].flatMap((m) =>
    m.names.map((name): [string, string | null] => [name, m.unit]),
  ),
]);

/** The catalogue's unit of a metric; undefined for a metric Observatory does not know. */
export function catalogueUnit(metric: string): string | null | undefined {
  return CATALOGUE_UNITS.get(metric);
}

/** The unit a series' values are read in: its own, else its metric's catalogue unit, else none. */
export function seriesUnit(metric: string, unit: string | null | undefined): string | null {
  return unit ?? catalogueUnit(metric) ?? null;
}
