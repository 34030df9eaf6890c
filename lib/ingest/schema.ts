import { z } from 'zod';
import { templateRoute } from './route-template';
import { checkTimestamp, FUTURE_TOLERANCE_MS, implausibleTimestamp } from './timestamp';

export { checkTimestamp, type TimestampCheck } from './timestamp';

/**
 * What services may push to POST /api/v1/metrics and POST /api/v1/requests. Messages name the field, say what is
 * wrong and what is allowed, and never repeat the input (apart from short, safe unknown-field names).
 */

export const INGEST_LIMITS = {
  maxPoints: 5_000,
  maxRequests: 5_000,
  maxTags: 16,
  maxTagKeyLength: 64,
  maxTagValueLength: 200,
  maxMetricNameLength: 200,
  maxUnitLength: 32,
  futureToleranceMs: FUTURE_TOLERANCE_MS,
  maxServiceLength: 100,
  maxRouteLength: 2_000,
  maxAbsValue: 1e15,
  maxDurationMs: 3_600_000,
  maxDbQueries: 100_000,
  maxBytes: 1e12,
} as const;

const L = INGEST_LIMITS;

type TypeIssue = { code: string; input?: unknown };

/** The message for a wrong type (`<what> must be <expected>`) or a missing field (`<what> is required`). */
export const typeError =
  (what: string, expected: string) =>
  (issue: TypeIssue): string | undefined => {
    if (issue.code !== 'invalid_type') return undefined;
    return issue.input === undefined ? `${what} is required` : `${what} must be ${expected}`;
  };

// Anything shorter than this and made of visible ASCII may be quoted back; the rest is described, not shown.
const quotable = (value: string) => value.length <= 32 && /^[\x21-\x7e]+$/.test(value);

/** A strict object: unknown fields are refused, naming the first one when it is short and plain. */
export function strict<S extends z.core.$ZodLooseShape>(what: string, shape: S) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') {
        const first = issue.keys[0] ?? '';
        const field = quotable(first) ? `unknown field "${first}"` : 'unknown field';
        return `${field} in ${what}; allowed: ${allowed}`;
      }
      return typeError(what, 'an object')(issue);
    },
  });
}

const CONTROL = /[\p{Cc}\p{Cf}]/u;
const LONE_SURROGATE = /\p{Cs}/u;

/** Printable text: trimmed, non-empty, no control or format characters, valid Unicode. */
export const text = (what: string, max: number) =>
  z
    .string({ error: typeError(what, 'a string') })
    .trim()
    .min(1, `${what} must not be empty`)
    .max(max, `${what} must be at most ${max} characters`)
    .refine((value) => !CONTROL.test(value), `${what} must not contain control characters`)
    .refine((value) => !LONE_SURROGATE.test(value), `${what} must be valid unicode text`);

/** A name: starts with a letter; ASCII letters, digits and `_ . : -` only. */
const identifier = (what: string, max: number) =>
  z
    .string({ error: typeError(what, 'a string') })
    .min(1, `${what} must not be empty`)
    .max(max, `${what} must be at most ${max} characters`)
    .regex(/^[A-Za-z]/, `${what} must start with a letter`)
    .regex(/^[A-Za-z0-9_.:-]*$/, `${what} may contain only letters, digits and _ . : -`);

// 1e15 reads better than 1000000000000000.
const show = (n: number) => (Math.abs(n) >= 1e9 ? n.toExponential().replace('e+', 'e') : String(n));

type NumberRules = { min: number; max: number; int?: boolean; belowMin?: string };

/** A finite number within [min, max]; strings such as "NaN" or "1e309" are refused as not being JSON numbers. */
export function number(what: string, { min, max, int = false, belowMin }: NumberRules) {
  const range = `${what} must be ${int ? 'an integer ' : ''}from ${show(min)} to ${show(max)}`;
  const base = z.number({
    error: (issue) => {
      if (issue.code !== 'invalid_type') return undefined;
      if (issue.input === undefined) return `${what} is required`;
      if (typeof issue.input === 'string') return `${what} must be a JSON number, not a string`;
      if (typeof issue.input === 'number') return int ? range : `${what} must be a finite number`;
      return `${what} must be a number`;
    },
  });
  return (int ? base.int(range) : base).min(min, belowMin ?? range).max(max, range);
}

const duration = (what: string) =>
  number(what, {
    min: 0,
    max: L.maxDurationMs,
    belowMin: `durations cannot be negative; send ${what} from 0 to ${L.maxDurationMs}`,
  });

export const metricName = identifier('name', L.maxMetricNameLength);

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export const tagKey = z
  .string({ error: typeError('tag key', 'a string') })
  .min(1, 'tag key must not be empty')
  .max(L.maxTagKeyLength, `tag key must be at most ${L.maxTagKeyLength} characters`)
  .regex(/^[A-Za-z_]/, 'tag key must start with a letter or _')
  .regex(/^[A-Za-z0-9_.-]*$/, 'tag key may contain only letters, digits and _ . -')
  .refine((key) => !RESERVED_KEYS.has(key), { error: (issue) => `tag key ${String(issue.input)} is reserved` });

export const tagValue = text('tag value', L.maxTagValueLength);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Tags: counted and their keys checked before anything is copied. zod's record silently drops an own `__proto__`
 * key; here it is refused. Keys too long or too odd to show in a path are reported on `tags` itself.
 */
const tags = z
  .custom<Record<string, unknown>>(isPlainObject, { error: 'tags must be an object of key: value strings' })
  .superRefine((input, ctx) => {
    const keys = Object.keys(input);
    if (keys.length > L.maxTags) {
      ctx.addIssue({ code: 'custom', message: `at most ${L.maxTags} tags per point (got ${keys.length})` });
      return;
    }
    for (const key of keys) {
      const result = tagKey.safeParse(key);
      if (result.success) continue;
      const path = key.length <= L.maxTagKeyLength && !CONTROL.test(key) ? [key] : [];
      ctx.addIssue({ code: 'custom', path, message: result.error.issues[0]?.message ?? 'invalid tag key' });
    }
  })
  .pipe(z.record(tagKey, tagValue));

/** Milliseconds since the epoch or an ISO 8601 string; checked against the clock later, by checkTimestamp. */
const timestamp = z
  .custom<number | string>((value) => typeof value === 'number' || typeof value === 'string', {
    error: 'ts must be milliseconds since the epoch or an ISO 8601 string',
  })
  .superRefine((ts, ctx) => {
    const problem = implausibleTimestamp(ts);
    if (problem) ctx.addIssue({ code: 'custom', message: `ts ${problem}` });
  });

export const METRIC_KINDS = ['distribution', 'counter', 'gauge'] as const;
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

const unit = z
  .string({ error: typeError('unit', 'a string') })
  .min(1, 'unit must not be empty')
  .max(L.maxUnitLength, `unit must be at most ${L.maxUnitLength} characters`)
  .regex(/^[A-Za-z0-9%/_.]*$/, 'unit may contain only letters, digits and % / _ .');

export const point = strict('point', {
  name: metricName,
  value: number('value', { min: -L.maxAbsValue, max: L.maxAbsValue }),
  ts: timestamp.optional(),
  kind: z.enum(METRIC_KINDS, { error: `kind must be one of ${METRIC_KINDS.join(', ')}` }).default('gauge'),
  unit: unit.optional(),
  tags: tags.optional(),
}).superRefine((p, ctx) => {
  if (p.kind === 'counter' && p.value < 0) {
    ctx.addIssue({ code: 'custom', path: ['value'], message: 'counter values cannot be negative' });
  }
});

const method = z
  .string({ error: typeError('method', 'a string') })
  .transform((value) => (/^[A-Za-z]{1,7}$/.test(value) ? value.toUpperCase() : value))
  .pipe(z.enum(HTTP_METHODS, { error: `method must be one of ${HTTP_METHODS.join(', ')}` }));

export const requestRecord = strict('request', {
  service: identifier('service', L.maxServiceLength),
  route: z
    .string({ error: typeError('route', 'a string') })
    .max(L.maxRouteLength, `route must be at most ${L.maxRouteLength} characters`)
    .startsWith('/', 'route must start with /')
    .refine((value) => !CONTROL.test(value), 'route must not contain control characters'),
  method,
  status: number('status', { min: 100, max: 599, int: true }),
  durationMs: duration('durationMs'),
  dbTimeMs: duration('dbTimeMs').optional(),
  dbQueries: number('dbQueries', { min: 0, max: L.maxDbQueries, int: true }).optional(),
  cacheHit: z.boolean({ error: typeError('cacheHit', 'true or false') }).optional(),
  requestBytes: number('requestBytes', { min: 0, max: L.maxBytes, int: true }).optional(),
  responseBytes: number('responseBytes', { min: 0, max: L.maxBytes, int: true }).optional(),
  ts: timestamp.optional(),
});

/** A list checked for length before its items are parsed, so 100,000 bad items give one clear message. */
export function list<T extends z.ZodType>(what: string, item: T, max: number) {
  return z
    .array(z.unknown(), { error: typeError(what, `an array of ${what}`) })
    .min(1, `${what} must contain at least 1 item`)
    .max(max, `at most ${max} ${what} per request`)
    .pipe(z.array(item));
}

export const metricsBody = strict('body', { points: list('points', point, L.maxPoints) });
export const requestsBody = strict('body', { requests: list('requests', requestRecord, L.maxRequests) });

export type MetricsBody = z.output<typeof metricsBody>;
export type RequestsBody = z.output<typeof requestsBody>;
export type MetricPoint = z.output<typeof point>;
export type RequestRecord = z.output<typeof requestRecord>;
export type MetricKind = (typeof METRIC_KINDS)[number];
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type NormalizedPoint = {
  name: string;
  value: number;
  ts: number;
  kind: MetricKind;
  unit: string | null;
  tags: Record<string, string>;
};
export type NormalizedRequest = Omit<RequestRecord, 'ts' | 'route'> & { ts: number; route: string };
export type IngestIssue = { path: string; message: string };
export type NormalizeOptions = { now: number; maxAgeMs: number };

const MAX_ISSUES = 20;

/** Resolves every item's timestamp against the clock; the first 20 problems, or the items built by `build`. */
function resolveTimes<T extends { ts?: number | string }, R>(
  field: string,
  items: readonly T[],
  { now, maxAgeMs }: NormalizeOptions,
  build: (item: T, ts: number) => R,
): { ok: true; items: R[] } | { ok: false; issues: IngestIssue[] } {
  const out: R[] = [];
  const issues: IngestIssue[] = [];
  for (const [i, item] of items.entries()) {
    const ts = checkTimestamp(item.ts, now, maxAgeMs);
    if (ts.ok) out.push(build(item, ts.ms));
    else if (issues.push({ path: `${field}.${i}.ts`, message: `ts ${ts.reason}` }) >= MAX_ISSUES) break;
  }
  return issues.length ? { ok: false, issues } : { ok: true, items: out };
}

/**
 * Parsed metrics as the writer takes them: a timestamp in ms, kind and unit settled. Tags keep
 * the sender's order: the writer puts them in canonical order once per series, not per point.
 */
export function normalizeMetrics(
  body: MetricsBody,
  options: NormalizeOptions,
): { ok: true; points: NormalizedPoint[] } | { ok: false; issues: IngestIssue[] } {
  const result = resolveTimes('points', body.points, options, (p, ts) => ({
    name: p.name,
    value: p.value,
    ts,
    kind: p.kind,
    unit: p.unit ?? null,
    tags: p.tags ?? {},
  }));
  return result.ok ? { ok: true, points: result.items } : result;
}

/** Parsed request records with a timestamp in ms and the route reduced to its template. */
export function normalizeRequests(
  body: RequestsBody,
  options: NormalizeOptions,
): { ok: true; requests: NormalizedRequest[] } | { ok: false; issues: IngestIssue[] } {
  const result = resolveTimes('requests', body.requests, options, (r, ts) => ({
    ...r,
    route: templateRoute(r.route),
    ts,
  }));
  return result.ok ? { ok: true, requests: result.items } : result;
}
