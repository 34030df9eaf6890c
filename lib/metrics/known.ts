/**
 * The infrastructure and business metrics Observatory knows by name (OpenTelemetry's where one
 * exists), how their series combine, and their units. Pure data: the queries read them, and the
 * Observatory view names the ones a project does not report.
 *
 * Ratios (CPU, cache and CDN hit ratios, conversion and bounce rates) may be sent in `1` (0-1,
 * OpenTelemetry's convention for `*.utilization` and `*.hit_ratio`) or in `%` (0-100, how
 * business rates are usually reported): readers go by each series' unit (units.ts). Their
 * catalogue unit `%` is what the Observatory view reports them in, and what a series sent
 * without a unit is taken to be. The demo sends the OpenTelemetry-named ones in `1` and the
 * business rates in `%` (lib/demo/catalog.ts).
 */
/**
 * How a metric's series (one per host, queue, ...) combine into one number: `mean` of every
 * sample (ratios such as utilization), `sum` of each series' mean (quantities such as bytes,
 * connections, queue lengths), `total` of a counter's values, or the `average` of a distribution.
 */
export type Combine = 'mean' | 'sum' | 'total' | 'average';

export type KnownMetric = {
  key: string;
  label: string;
  /** Names, first reported wins (the system-wide gauge before the process's own). */
  names: readonly string[];
  combine: Combine;
  /** The unit values are reported in (and assumed for a series sent without one). */
  unit: '%' | 'By' | 's' | 'USD' | null;
  /** Whether a higher value is better (for the change's wording); null: neither. */
  higherIsBetter: boolean | null;
};

export const CPU: KnownMetric = {
  key: 'cpu',
  label: 'CPU',
  names: ['system.cpu.utilization', 'process.cpu.utilization'],
  combine: 'mean',
  unit: '%',
  higherIsBetter: false,
};
export const MEMORY: KnownMetric = {
  key: 'memory',
  label: 'Memory',
  names: ['system.memory.usage', 'process.memory.rss'],
  combine: 'sum',
  unit: 'By',
  higherIsBetter: false,
};

export const INFRASTRUCTURE_METRICS: readonly KnownMetric[] = [
  CPU,
  MEMORY,
  {
    key: 'dbConnections',
    label: 'DB connections',
    names: ['db.client.connection.count'],
    combine: 'sum',
    unit: null,
    higherIsBetter: null,
  },
  {
    key: 'cacheHitRate',
    label: 'Cache hit rate',
    names: ['cache.hit_ratio'],
    combine: 'mean',
    unit: '%',
    higherIsBetter: true,
  },
  {
    key: 'cdnHitRate',
    label: 'CDN hit rate',
    names: ['cdn.hit_ratio'],
    combine: 'mean',
    unit: '%',
    higherIsBetter: true,
  },
  {
    key: 'queueLength',
    label: 'Queue length',
    names: ['queue.length'],
    combine: 'sum',
    unit: null,
    higherIsBetter: false,
  },
];

export const BUSINESS_METRICS: readonly KnownMetric[] = [
  {
    key: 'conversionRate',
    label: 'Conversion rate',
    names: ['business.conversion_rate'],
    combine: 'mean',
    unit: '%',
    higherIsBetter: true,
  },
  {
    key: 'bounceRate',
    label: 'Bounce rate',
    names: ['business.bounce_rate'],
    combine: 'mean',
    unit: '%',
    higherIsBetter: false,
  },
  {
    key: 'sessionDuration',
    label: 'Session duration',
    names: ['business.session.duration'],
    combine: 'average',
    unit: 's',
    higherIsBetter: true,
  },
  {
    key: 'pageViews',
    label: 'Page views',
    names: ['business.page_views'],
    combine: 'total',
    unit: null,
    higherIsBetter: true,
  },
  { key: 'orders', label: 'Orders', names: ['business.orders'], combine: 'total', unit: null, higherIsBetter: true },
  {
    key: 'revenue',
    label: 'Revenue',
    names: ['business.revenue'],
    combine: 'total',
    unit: 'USD',
    higherIsBetter: true,
  },
];

/** The kind of metric to report a known one as. */
export function kindOf(m: KnownMetric): 'gauge' | 'counter' | 'distribution' {
  return m.combine === 'total' ? 'counter' : m.combine === 'average' ? 'distribution' : 'gauge';
}
