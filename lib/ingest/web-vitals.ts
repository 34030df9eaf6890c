/**
 * How Core Web Vitals are stored, for every writer of them (the browser tracker's beacons, the
 * demo data) and every reader (dashboards, alerts): one distribution metric per vital, tagged
 * with the page's route template and the device class. Durations in milliseconds; CLS has no
 * unit. Thresholds are web-vitals' own `[good <=, poor >]`, rated on the 75th percentile.
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

/** The tags every vital carries: `route` is the page's template (`/products/[id]`), `device` one of DEVICES. */
export const WEB_VITAL_TAGS = { route: 'route', device: 'device' } as const;

export const DEVICES = ['mobile', 'tablet', 'desktop'] as const;
export type Device = (typeof DEVICES)[number];

export type VitalRating = 'good' | 'needs-improvement' | 'poor';

export function rateVital(vital: WebVital, p75: number): VitalRating {
  const { good, poor } = WEB_VITALS[vital];
  return p75 <= good ? 'good' : p75 > poor ? 'poor' : 'needs-improvement';
}
