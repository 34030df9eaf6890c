/**
 * The detectors' thresholds: documented defaults (from the seed documents and the systems we
 * measure ourselves against), which a project may override one by one (OptimizerSettings, edited
 * through PUT /api/v1/projects/<project>/optimizer/thresholds). Latency, CPU and memory limits are
 * not here: they are the project's goals (lib/goals). Pure data and a schema, safe in the browser.
 */
import { z } from 'zod';
import { strict } from '../zod';

export type ThresholdDefinition = {
  label: string;
  /** How the value reads: a count, a share (0–1), milliseconds, bytes, hours. */
  unit: 'count' | 'share' | 'ms' | 'bytes' | 'hours';
  default: number;
  min: number;
  max: number;
  /** Where the default comes from. */
  source: string;
};

export const THRESHOLDS = {
  windowHours: {
    label: 'Hours of data each detection pass reads',
    unit: 'hours',
    default: 24,
    min: 1,
    max: 24 * 30,
    source: 'a day: every hour of a daily cycle, recent enough to act on',
  },
  minRequests: {
    label: 'Requests a route needs in the window before it is judged',
    unit: 'count',
    default: 100,
    min: 1,
    max: 1e9,
    source: 'fewer make a p95 or a share too noisy to act on',
  },
  errorRate: {
    label: "5xx share of a route's requests that makes it error-prone",
    unit: 'share',
    default: 0.01,
    min: 0.0001,
    max: 1,
    source: 'the default error-rate goal (1%, seed 004)',
  },
  dbShare: {
    label: "Share of a route's time spent in the database that makes it database-bound",
    unit: 'share',
    default: 0.5,
    min: 0.05,
    max: 1,
    source: "more than half of the time is the database's: the route's own code is not where to look",
  },
  nPlusOneQueries: {
    label: 'Queries per request of an N+1 suspect',
    unit: 'count',
    default: 5,
    min: 2,
    max: 10_000,
    source: "Sentry's N+1 detector: at least 5 repeated queries",
  },
  nPlusOneDbMs: {
    label: 'Database time per request of an N+1 suspect',
    unit: 'ms',
    default: 50,
    min: 1,
    max: 600_000,
    source: "Sentry's N+1 detector: the repeated queries total at least 50 ms",
  },
  cacheHitRate: {
    label: 'Cache hit rate below which a route is flagged',
    unit: 'share',
    default: 0.5,
    min: 0.01,
    max: 1,
    source: 'seed 003: below 50%',
  },
  cacheHitRateHigh: {
    label: 'Cache hit rate below which the finding is high priority',
    unit: 'share',
    default: 0.3,
    min: 0,
    max: 1,
    source: 'seed 003: high priority below 30%',
  },
  cacheTarget: {
    label: 'Cache hit rate a fix aims for',
    unit: 'share',
    default: 0.8,
    min: 0.01,
    max: 1,
    source: 'seed 003: target 80%',
  },
  minCacheLookups: {
    label: 'Cache lookups a route needs in the window before its hit rate is judged',
    unit: 'count',
    default: 100,
    min: 1,
    max: 1e9,
    source: 'as minRequests',
  },
  largeResponseBytes: {
    label: 'Mean response body size that makes a response large',
    unit: 'bytes',
    default: 300_000,
    min: 1_000,
    max: 1e10,
    source: "seed 003 and Sentry's large HTTP payload detector: 300 KB",
  },
  sustainedShare: {
    label: "Share of the window's hours over the goal that makes CPU or memory sustained",
    unit: 'share',
    default: 0.5,
    min: 0.05,
    max: 1,
    source: 'seed 000 scales up after a signal is over for 120 s; for a recommendation, half the hours of the window',
  },
} as const satisfies Record<string, ThresholdDefinition>;

export type ThresholdKey = keyof typeof THRESHOLDS;
export type Thresholds = Record<ThresholdKey, number>;
export const THRESHOLD_KEYS = Object.keys(THRESHOLDS) as ThresholdKey[];

export const DEFAULT_THRESHOLDS: Thresholds = Object.fromEntries(
  THRESHOLD_KEYS.map((k) => [k, THRESHOLDS[k].default]),
) as Thresholds;

function value(key: ThresholdKey) {
  const { min, max, unit } = THRESHOLDS[key];
  const range = `${key} must be ${unit === 'count' || unit === 'hours' ? 'a whole number ' : ''}from ${min} to ${max}`;
  const base = z.number({
    error: (issue) => {
      if (issue.code !== 'invalid_type') return undefined;
      if (typeof issue.input === 'string') return `${key} must be a JSON number, not a string`;
      return `${key} must be a number, or null for the default`;
    },
  });
  return (unit === 'count' || unit === 'hours' ? base.int(range) : base).min(min, range).max(max, range).nullable();
}

/** A change of thresholds: each one named gets a value, or null (back to its default). */
export const thresholdsBody = strict(
  'body',
  Object.fromEntries(THRESHOLD_KEYS.map((k) => [k, value(k).optional()])) as Record<
    ThresholdKey,
    z.ZodOptional<ReturnType<typeof value>>
  >,
).superRefine((body, ctx) => {
  const high = body.cacheHitRateHigh ?? DEFAULT_THRESHOLDS.cacheHitRateHigh;
  const low = body.cacheHitRate ?? DEFAULT_THRESHOLDS.cacheHitRate;
  const target = body.cacheTarget ?? DEFAULT_THRESHOLDS.cacheTarget;
  if (high > low) {
    ctx.addIssue({
      code: 'custom',
      path: ['cacheHitRateHigh'],
      message: 'cacheHitRateHigh must be at most cacheHitRate',
    });
  }
  if (target <= low) {
    ctx.addIssue({ code: 'custom', path: ['cacheTarget'], message: 'cacheTarget must be above cacheHitRate' });
  }
});

export type ThresholdChanges = z.output<typeof thresholdsBody>;

/** The stored overrides over the defaults; anything stored that no longer fits is left out. */
export function resolveThresholds(stored: unknown): { values: Thresholds; custom: ThresholdKey[] } {
  const values = { ...DEFAULT_THRESHOLDS };
  const custom: ThresholdKey[] = [];
  if (stored && typeof stored === 'object') {
    for (const key of THRESHOLD_KEYS) {
      const v = (stored as Record<string, unknown>)[key];
      const parsed = value(key).safeParse(v);
      if (v !== undefined && parsed.success && parsed.data !== null) {
        values[key] = parsed.data;
        custom.push(key);
      }
    }
  }
  return { values, custom };
}
