/**
 * How Core Web Vitals are stored, for every writer of them (the browser tracker's beacons, the
 * demo data) and every reader (dashboards, alerts): one distribution metric per vital, tagged
 * with the page's route template and the device class. Durations in milliseconds; CLS has no
 * unit. Thresholds are web-vitals' own `[good <=, poor >]`, rated on the 75th percentile, and
 * the performance score is Sentry's (weights below, each vital on a log-normal curve).
 * INP replaced FID in 2024; FID is not collected.
 */
export const WEB_VITALS = {
  LCP: { metric: 'web_vitals.lcp', unit: 'ms', good: 2500, poor: 4000 },
  INP: { metric: 'web_vitals.inp', unit: 'ms', good: 200, poor: 500 },
  CLS: { metric: 'web_vitals.cls', unit: null, good: 0.1, poor: 0.25 },
  FCP: { metric: 'web_vitals.fcp', unit: 'ms', good: 1800, poor: 3000 },
  TTFB: { metric: 'web_vitals.ttfb', unit: 'ms', good: 800, poor: 1800 },
} as const;

export type WebVital = keyof typeof WEB_VITALS;

/** The vitals in display order. */
export const VITALS = Object.keys(WEB_VITALS) as WebVital[];

export const VITAL_NAMES: Record<WebVital, string> = {
  LCP: 'Largest Contentful Paint',
  INP: 'Interaction to Next Paint',
  CLS: 'Cumulative Layout Shift',
  FCP: 'First Contentful Paint',
  TTFB: 'Time to First Byte',
};

/** The percentiles the vitals are read at: p75 is how Google rates pages; p90-p99 show the tail. */
export const VITAL_PERCENTILES = { p75: 0.75, p90: 0.9, p95: 0.95, p99: 0.99 } as const;
export type VitalPercentile = keyof typeof VITAL_PERCENTILES;
export const VITAL_PERCENTILE_CHOICES = Object.keys(VITAL_PERCENTILES) as [VitalPercentile, ...VitalPercentile[]];
export const DEFAULT_VITAL_PERCENTILE: VitalPercentile = 'p75';

/** The tags every vital carries: `route` is the page's template (`/products/[id]`), `device` one of DEVICES. */
export const WEB_VITAL_TAGS = { route: 'route', device: 'device' } as const;

export const DEVICES = ['mobile', 'tablet', 'desktop'] as const;
export type Device = (typeof DEVICES)[number];

export type VitalRating = 'good' | 'needs-improvement' | 'poor';

export function rateVital(vital: WebVital, p75: number): VitalRating {
  const { good, poor } = WEB_VITALS[vital];
  return p75 <= good ? 'good' : p75 > poor ? 'poor' : 'needs-improvement';
}

/** Sentry's performance score weights (0-100 in total). */
export const SCORE_WEIGHTS: Record<WebVital, number> = { LCP: 30, INP: 30, CLS: 15, FCP: 15, TTFB: 10 };

/** erf, Abramowitz and Stegun 7.1.26 (error below 1.5e-7). */
function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return sign * y;
}

/** The z of the 10th percentile of a normal distribution. */
const Z10 = 1.2815515655446004;

/**
 * A vital's score 0-1 on a log-normal curve whose median is the poor threshold and whose 10th
 * percentile is the good one (Sentry's and Lighthouse's curve): good threshold → 0.9, poor → 0.5.
 */
export function vitalScore(vital: WebVital, value: number): number {
  const { good, poor } = WEB_VITALS[vital];
  if (value <= 0) return 1;
  const sigma = (Math.log(poor) - Math.log(good)) / Z10;
  const z = (Math.log(value) - Math.log(poor)) / (sigma * Math.SQRT2);
  return Math.min(1, Math.max(0, 0.5 * (1 - erf(z))));
}

/** The weighted score 0-100 of the vitals that have values (weights renormalised over them). */
export function performanceScore(values: Partial<Record<WebVital, number | null>>): number | null {
  let weight = 0;
  let total = 0;
  for (const vital of VITALS) {
    const v = values[vital];
    if (v === null || v === undefined) continue;
    weight += SCORE_WEIGHTS[vital];
    total += SCORE_WEIGHTS[vital] * vitalScore(vital, v);
  }
  return weight ? Math.round((100 * total) / weight) : null;
}
