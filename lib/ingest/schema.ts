import { z } from 'zod';
import { metricName, NAME_LIMITS, tagKey, tagValue } from '../metrics/names';
import { HTTP_METHODS } from '../metrics/red';
import { METRIC_KINDS, type MetricKind } from '../rollup';
import { CONTROL, identifier, list, number, strict, typeError } from '../zod';
import { templateRoute, withoutQuery } from './route-template';
import { checkTimestamp, FUTURE_TOLERANCE_MS, implausibleTimestamp } from './timestamp';

export { checkTimestamp, type TimestampCheck } from './timestamp';

/**
 * What services may push to POST /api/v1/metrics and POST /api/v1/requests. Messages name the field, say what is
 * wrong and what is allowed, and never repeat the input (apart from short, safe unknown-field names).
 */

export const INGEST_LIMITS = {
  maxPoints: 5_000,
  maxRequests: 5_000,
  ...NAME_LIMITS,
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

const duration = (what: string) =>
  number(what, {
    min: 0,
    max: L.maxDurationMs,
    belowMin: `durations cannot be negative; send ${what} from 0 to ${L.maxDurationMs}`,
  });

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

export { HTTP_METHODS };

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
  /** The path as requested, when `route` is a template; its query and fragment are dropped. */
  path: z
    .string({ error: typeError('path', 'a string') })
    .max(L.maxRouteLength, `path must be at most ${L.maxRouteLength} characters`)
    .startsWith('/', 'path must start with /')
    .refine((value) => !CONTROL.test(value), 'path must not contain control characters')
    .optional(),
  method,
  status: number('status', { min: 100, max: 599, int: true }),
  durationMs: duration('durationMs'),
  dbTimeMs: duration('dbTimeMs').optional(),
  dbQueries: number('dbQueries', { min: 0, max: L.maxDbQueries, int: true }).optional(),
  cacheHit: z.boolean({ error: typeError('cacheHit', 'true or false') }).optional(),
  requestBytes: number('requestBytes', { min: 0, max: L.maxBytes, int: true }).optional(),
  responseBytes: number('responseBytes', { min: 0, max: L.maxBytes, int: true }).optional(),
  /** The process that served it (host, pod or container name). */
  instance: identifier('instance', L.maxServiceLength).optional(),
  ts: timestamp.optional(),
});

export const metricsBody = strict('body', { points: list('points', point, L.maxPoints) });
export const requestsBody = strict('body', { requests: list('requests', requestRecord, L.maxRequests) });

export type MetricsBody = z.output<typeof metricsBody>;
export type RequestsBody = z.output<typeof requestsBody>;
export type MetricPoint = z.output<typeof point>;
export type RequestInput = z.output<typeof requestRecord>;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type NormalizedPoint = {
  name: string;
  value: number;
  ts: number;
  kind: MetricKind;
  unit: string | null;
  tags: Record<string, string>;
};
/**
 * A served request as ingestion stores it: its time resolved, its route reduced to a template and
 * its raw path (without query) kept for request samples. The method is any token here, as
 * Observatory's own requests report it.
 */
export type RequestRecord = Omit<RequestInput, 'ts' | 'route' | 'method' | 'path'> & {
  ts: number;
  route: string;
  /** The raw path without query; the route when absent. */
  path?: string;
  method: string;
  /** How many equal requests this record stands for (history loaders only; never from the API). */
  weight?: number;
};

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
): { ok: true; requests: RequestRecord[] } | { ok: false; issues: IngestIssue[] } {
  const result = resolveTimes('requests', body.requests, options, (r, ts) => ({
    ...r,
    route: templateRoute(r.route),
    path: withoutQuery(r.path ?? r.route),
    ts,
  }));
  return result.ok ? { ok: true, requests: result.items } : result;
}
