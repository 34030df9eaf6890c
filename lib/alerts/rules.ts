/**
 * What an alert rule, a channel and a silence may be: the strict schemas every route and the
 * store share, the default repeat intervals by severity and the default rules each project gets.
 */
import { z } from 'zod';
import { catalogueUnit, isRatioUnit, RATIO_UNITS, RED_METRICS, WEB_VITALS } from '../metrics';
import {
  isStatistic,
  STATISTIC_INFO,
  STATISTICS,
  takesRatioThreshold,
  type Statistic,
  type Yields,
} from './statistics';

export { STATISTICS, type Statistic } from './statistics';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Repeat intervals while firing, by severity (the seeds' cooldowns). */
export const DEFAULT_REPEAT_SEC: Record<Severity, number> = {
  critical: 5 * 60,
  high: 15 * 60,
  medium: 60 * 60,
  low: 4 * 60 * 60,
};

export const COMPARATORS = ['gt', 'gte', 'lt', 'lte'] as const;
export const NO_DATA = ['ok', 'alerting', 'keep_last'] as const;
export const RULE_TYPES = ['threshold', 'burn_rate'] as const;
export const CHANNEL_TYPES = ['slack', 'webhook', 'email', 'pagerduty'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// Messages name no subject: the 422 prefixes each with its path ("name: must not be empty").
const expected =
  (what: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? 'is required' : `must be ${what}`;
const text = (max: number) =>
  z
    .string({ error: expected('text') })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must not contain control characters');

export const ruleName = text(120);
export const metricName = z
  .string({ error: expected('text') })
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .regex(/^[A-Za-z0-9_.:\-/]+$/, 'letters, digits and _ . : - / only');
const TAG_NAME = 'tag names are 1 to 64 letters, digits, _ . or -';
export const filters = z
  .preprocess(
    (value, ctx) => {
      // zod's record drops a "__proto__" key silently: refuse it by name instead.
      if (value && typeof value === 'object') {
        for (const key of FORBIDDEN_KEYS) {
          if (Object.hasOwn(value, key))
            ctx.addIssue({ code: 'custom', path: [key], message: 'is not an allowed tag name' });
        }
      }
      return value;
    },
    z.record(z.string().regex(/^[A-Za-z0-9_.\-]{1,64}$/, TAG_NAME), z.string().max(256), {
      error: (issue) => (issue.code === 'invalid_key' ? TAG_NAME : undefined),
    }),
  )
  .refine((f) => Object.keys(f).length <= 10, 'at most 10 filters');
export const id = z.string().regex(/^[a-z0-9]{8,40}$/, 'must be an id');
/** "1 minute", "3 days": how a person reads a bound in seconds. */
function spoken(seconds: number): string {
  const [n, unit] =
    seconds % 86_400 === 0 && seconds > 0
      ? [seconds / 86_400, 'day']
      : seconds % 3_600 === 0 && seconds > 0
        ? [seconds / 3_600, 'hour']
        : seconds % 60 === 0
          ? [seconds / 60, 'minute']
          : [seconds, 'second'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
const duration = (min: number, max: number) => {
  const range = `must be from ${spoken(min)} to ${spoken(max)}`;
  return z
    .number({ error: expected('a number') })
    .int('must be a whole number of seconds')
    .min(min, range)
    .max(max, range);
};
const threshold = z
  .number({ error: expected('a number') })
  .finite('must be a finite number')
  .min(-1e12, 'must be from -1e12 to 1e12')
  .max(1e12, 'must be from -1e12 to 1e12');
const channelIds = z.array(id).max(10, 'at most 10 channels per rule');

/**
 * The unit a threshold is stated in when it is a ratio: `%` (what people write: "< 1 %") or `1`
 * (0-1). The evaluator converts it to each series' unit before comparing. Null: the threshold is
 * in the unit of the values compared, the series' own (or 0-1 for the request ratios).
 */
export const thresholdUnit = z
  .enum(RATIO_UNITS, { error: 'must be "%" (0-100) or "1" (0-1), or null for the unit of the values compared' })
  .nullable();
export type ThresholdUnit = z.output<typeof thresholdUnit>;

const YIELDS_TEXT: Partial<Record<Yields, string>> = {
  score: 'a score',
  per_second: 'a rate per second',
  count: 'a count',
};

/**
 * Why a threshold stated as a ratio cannot apply to this rule, or null when it can: burn-rate
 * rules have no threshold; a rate, count or Apdex score is no ratio; nor is a metric the
 * catalogue knows in another unit (metrics it does not know are checked against their series'
 * unit when evaluated); and the request ratios never leave 0-100 %.
 */
export function ratioThresholdProblem(rule: {
  type: string;
  metric: string;
  statistic: string;
  threshold: number;
  thresholdUnit: ThresholdUnit;
}): { path: 'thresholdUnit' | 'threshold'; message: string } | null {
  const unit = rule.thresholdUnit;
  if (unit === null) return null;
  if (rule.type === 'burn_rate') return { path: 'thresholdUnit', message: 'burn-rate rules have no threshold' };
  const info = isStatistic(rule.statistic) ? STATISTIC_INFO[rule.statistic] : null;
  if (!info || !takesRatioThreshold(info.key)) {
    const what = (info && YIELDS_TEXT[info.yields]) ?? 'not a statistic';
    return { path: 'thresholdUnit', message: `${rule.statistic} is ${what}, not a ratio: leave thresholdUnit null` };
  }
  if (info.yields === 'series') {
    const known = catalogueUnit(rule.metric);
    if (known !== undefined && !isRatioUnit(known)) {
      const what = known === null ? 'has no unit' : `is measured in ${known}`;
      return { path: 'thresholdUnit', message: `${rule.metric} ${what}, not a ratio: leave thresholdUnit null` };
    }
    return null;
  }
  const max = unit === '%' ? 100 : 1;
  if (rule.threshold < 0 || rule.threshold > max) {
    return { path: 'threshold', message: `${rule.statistic} lies between 0 and ${max} in "${unit}"` };
  }
  return null;
}

function ratioThresholdApplies(rule: Parameters<typeof ratioThresholdProblem>[0], ctx: z.RefinementCtx) {
  const problem = ratioThresholdProblem(rule);
  if (problem) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
}

const ruleFields = {
  name: ruleName,
  type: z.enum(RULE_TYPES).default('threshold'),
  metric: metricName.default(RED_METRICS.requests),
  filters: filters.default({}),
  statistic: z.enum(STATISTICS).default('error_ratio'),
  comparator: z.enum(COMPARATORS).default('gt'),
  threshold: threshold.default(0),
  thresholdUnit: thresholdUnit.default(null),
  /** Seconds: 1 minute to 3 days. */
  windowSec: duration(60, 3 * 86_400).default(300),
  forSec: duration(0, 86_400).default(0),
  severity: z.enum(SEVERITIES),
  channels: channelIds.default([]),
  repeatSec: duration(60, 7 * 86_400).optional(),
  noData: z.enum(NO_DATA).default('ok'),
  /** Burn-rate rules: the availability objective, e.g. 0.999. */
  slo: z.number().finite().gt(0.5).lt(1).optional(),
  enabled: z.boolean().default(true),
};

function burnRateNeedsSlo(rule: { type?: string; slo?: number | undefined }, ctx: z.RefinementCtx) {
  if (rule.type === 'burn_rate' && rule.slo === undefined) {
    ctx.addIssue({ code: 'custom', path: ['slo'], message: 'burn-rate rules need an slo, e.g. 0.999' });
  }
}

export const newRule = z.strictObject(ruleFields).superRefine(burnRateNeedsSlo).superRefine(ratioThresholdApplies);
export type NewRule = z.output<typeof newRule>;

export const ruleUpdate = z
  .strictObject({
    name: ruleFields.name.optional(),
    metric: metricName.optional(),
    filters: filters.optional(),
    statistic: z.enum(STATISTICS).optional(),
    comparator: z.enum(COMPARATORS).optional(),
    threshold: threshold.optional(),
    thresholdUnit: thresholdUnit.optional(),
    windowSec: duration(60, 3 * 86_400).optional(),
    forSec: duration(0, 86_400).optional(),
    severity: z.enum(SEVERITIES).optional(),
    channels: channelIds.optional(),
    repeatSec: duration(60, 7 * 86_400).optional(),
    noData: z.enum(NO_DATA).optional(),
    slo: z.number().finite().gt(0.5).lt(1).optional(),
    enabled: z.boolean().optional(),
  })
  .refine((u) => Object.keys(u).length > 0, 'nothing to change');
export type RuleUpdate = z.output<typeof ruleUpdate>;

const url = z
  .string({ error: expected('text') })
  .trim()
  .min(1, 'must not be empty')
  .max(2_048, 'must be at most 2048 characters');
const email = z.email('must be an email address').max(320, 'must be at most 320 characters');

export const newChannel = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('slack'), name: text(120), url }),
  z.strictObject({
    type: z.literal('webhook'),
    name: text(120),
    url,
    /** Signs each body: X-Observatory-Signature: sha256=<hex HMAC-SHA256>. */
    hmacSecret: z.string().min(16).max(256).optional(),
  }),
  z.strictObject({
    type: z.literal('email'),
    name: text(120),
    to: z.array(email).min(1, 'must contain at least 1 item').max(20, 'at most 20 recipients'),
  }),
  z.strictObject({
    type: z.literal('pagerduty'),
    name: text(120),
    routingKey: z
      .string({ error: expected('text') })
      .min(1, 'must not be empty')
      .regex(/^[A-Za-z0-9]{20,64}$/, 'must be a PagerDuty integration (routing) key'),
  }),
]);
export type NewChannel = z.output<typeof newChannel>;

export const matcher = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'label names are letters, digits and _')
    .refine((k) => !FORBIDDEN_KEYS.has(k), 'is not an allowed label name'),
  value: z.string().max(256),
});

export const newSilence = z
  .strictObject({
    ruleId: id.optional(),
    matchers: z.array(matcher).max(10).default([]),
    startsAt: z.iso.datetime({ offset: true }).optional(),
    endsAt: z.iso.datetime({ offset: true }),
    comment: z.string().max(500).default(''),
  })
  .superRefine((s, ctx) => {
    if (!s.ruleId && s.matchers.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['matchers'], message: 'a silence needs a ruleId or at least one matcher' });
    }
    const start = s.startsAt ? Date.parse(s.startsAt) : Date.now();
    if (Date.parse(s.endsAt) <= start) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
    }
  });
export type NewSilence = z.output<typeof newSilence>;

export type SeedRule = Omit<NewRule, 'channels' | 'enabled' | 'filters' | 'slo'> & { seedKey: string };

/**
 * The default rules every project gets (the seeds' alerts); they wait until the project has
 * data. Ratios state their unit: the request ratios in `1` (as they are computed), the
 * conversion rate, a gauge the application reports (`business.conversion_rate`) in `1` or `%`,
 * as 1 %, compared in whichever unit each series has.
 */
export const SEED_RULES: SeedRule[] = [
  seed('error-rate', 'Error rate above 5%', 'error_ratio', RED_METRICS.requests, 'gt', [0.05, '1'], 'critical'),
  seed('latency-p95', 'p95 latency above 2000 ms', 'p95', RED_METRICS.duration, 'gt', [2_000, null], 'high'),
  seed('lcp-p75', 'LCP p75 above 4 s', 'p75', WEB_VITALS.LCP.metric, 'gt', [4_000, null], 'medium'),
  seed(
    'cache-hit-rate',
    'Cache hit rate below 50%',
    'cache_hit_ratio',
    RED_METRICS.cacheHits,
    'lt',
    [0.5, '1'],
    'medium',
  ),
  seed('availability', 'Availability below 99%', 'availability', RED_METRICS.requests, 'lt', [0.99, '1'], 'critical'),
  seed('conversion-rate', 'Conversion rate below 1%', 'avg', 'business.conversion_rate', 'lt', [1, '%'], 'medium'),
];

function seed(
  seedKey: string,
  name: string,
  statistic: Statistic,
  metric: string,
  comparator: (typeof COMPARATORS)[number],
  [threshold, unit]: [number, ThresholdUnit],
  severity: Severity,
): SeedRule {
  return {
    seedKey,
    name,
    type: 'threshold',
    metric,
    statistic,
    comparator,
    threshold,
    thresholdUnit: unit,
    windowSec: 300,
    forSec: 120,
    severity,
    repeatSec: DEFAULT_REPEAT_SEC[severity],
    noData: 'ok',
  };
}

/** Burn-rate windows (Google SRE workbook): [long, short, factor]. */
export const BURN_WINDOWS: readonly [number, number, number][] = [
  [3_600, 300, 14.4],
  [6 * 3_600, 1_800, 6],
  [3 * 86_400, 6 * 3_600, 1],
];
