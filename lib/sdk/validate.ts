/**
 * The API's rules (app/api/v1/{requests,metrics}, lib/ingest/schema.ts), checked before anything is buffered.
 * Observatory refuses a whole batch for one bad item, so an item it would refuse must never reach a batch.
 * tests/unit/sdk-validate.test.ts holds these rules against the server's schema.
 */
import type { DeploymentInput, InvalidReason, MetricKind, MetricOptions, RequestInput, Tags } from './types';

export const LIMITS = {
  maxItemsPerRequest: 5_000,
  maxBodyBytes: 1024 * 1024,
  maxTags: 16,
  maxTagKeyLength: 64,
  maxTagValueLength: 200,
  maxMetricNameLength: 200,
  maxUnitLength: 32,
  maxServiceLength: 100,
  maxRouteLength: 2_000,
  maxAbsValue: 1e15,
  maxDurationMs: 3_600_000,
  maxDbQueries: 100_000,
  maxBytes: 1e12,
  /** The server allows 5 minutes of clock skew; keep a margin for the time a batch waits. */
  maxFutureMs: 4 * 60_000,
  earliestTs: Date.UTC(2000, 0, 1),
  latestTs: Date.UTC(2100, 0, 1),
} as const;

export const DEFAULT_MAX_AGE_MS = 30 * 86_400_000 - 3_600_000;

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const KINDS = new Set<MetricKind>(['distribution', 'counter', 'gauge']);
const RESERVED_TAG_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_.:-]*$/;
const TAG_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const UNIT = /^[A-Za-z0-9%/_.]+$/;
const CONTROL = /[\p{Cc}\p{Cf}]/u;
const LONE_SURROGATE = /\p{Cs}/u;

/** A request record as sent: the reporter's service added, the timestamp in milliseconds. */
export type WireRequest = Omit<RequestInput, 'ts'> & { service: string; instance?: string; ts: number };

export type WirePoint = {
  name: string;
  value: number;
  ts: number;
  kind: MetricKind;
  unit?: string;
  tags?: Record<string, string>;
};

export type Checked<T> = { ok: true; item: T } | { ok: false; reason: InvalidReason };

class Invalid {
  constructor(readonly reason: InvalidReason) {}
}

const fail = (reason: InvalidReason): never => {
  throw new Invalid(reason);
};

export function isIdentifier(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max && IDENTIFIER.test(value);
}

function inRange(value: unknown, min: number, max: number, int: boolean): value is number {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= min &&
    value <= max &&
    (!int || Number.isInteger(value))
  );
}

function numberField(reason: InvalidReason, value: unknown, min: number, max: number, int = false): number {
  return inRange(value, min, max, int) ? value : fail(reason);
}

function optionalNumber(reason: InvalidReason, value: unknown, min: number, max: number, int = false) {
  return value === undefined ? undefined : numberField(reason, value, min, max, int);
}

/** Milliseconds: missing means now; outside what Observatory keeps or accepts is invalid. */
function timestamp(value: unknown, now: number, maxAgeMs: number): number {
  if (value === undefined) return now;
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return fail('ts');
  const rounded = Math.round(ms);
  if (rounded < LIMITS.earliestTs || rounded >= LIMITS.latestTs) return fail('ts');
  if (rounded > now + LIMITS.maxFutureMs || rounded < now - maxAgeMs) return fail('ts');
  return rounded;
}

/** Printable text as the API's tag values: trimmed, non-empty, no control or format characters, valid Unicode. */
function tagValue(value: unknown): string {
  const raw = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
  // A length check before trimming keeps a hostile megabyte string from being copied.
  if (typeof raw !== 'string' || raw.length > 4 * LIMITS.maxTagValueLength) return fail('tags');
  const text = raw.trim();
  if (!text || text.length > LIMITS.maxTagValueLength || CONTROL.test(text) || LONE_SURROGATE.test(text)) {
    return fail('tags');
  }
  return text;
}

function tagsField(input: unknown): Record<string, string> | undefined {
  if (input === undefined) return undefined;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail('tags');
  const keys = Object.keys(input);
  if (keys.length > LIMITS.maxTags) return fail('tags');
  const out: Record<string, string> = {};
  for (const key of keys) {
    if (key.length > LIMITS.maxTagKeyLength || !TAG_KEY.test(key) || RESERVED_TAG_KEYS.has(key)) return fail('tags');
    out[key] = tagValue((input as Record<string, unknown>)[key]);
  }
  return keys.length ? out : undefined;
}

function route(value: unknown, field: 'route' | 'path' = 'route'): string {
  if (typeof value !== 'string' || value.length > LIMITS.maxRouteLength || !value.startsWith('/')) return fail(field);
  return CONTROL.test(value) ? fail(field) : value;
}

function method(value: unknown): string {
  const upper = typeof value === 'string' && value.length <= 7 ? value.toUpperCase() : '';
  return METHODS.has(upper) ? upper : fail('method');
}

function guarded<T>(build: () => T): Checked<T> {
  try {
    return { ok: true, item: build() };
  } catch (err) {
    // Anything else (a throwing getter, a Proxy) is the call's own fault.
    return { ok: false, reason: err instanceof Invalid ? err.reason : 'record' };
  }
}

export type CheckContext = { service: string; instance?: string; now: number; maxAgeMs: number };

/** A request record as the API takes it, or the first field at fault. */
export function checkRequest(
  input: RequestInput,
  { service, instance, now, maxAgeMs }: CheckContext,
): Checked<WireRequest> {
  return guarded(() => {
    if (typeof input !== 'object' || input === null) return fail('record');
    const { maxDurationMs, maxBytes, maxDbQueries } = LIMITS;
    const out: WireRequest = {
      service,
      route: route(input.route),
      method: method(input.method),
      status: numberField('status', input.status, 100, 599, true),
      durationMs: numberField('durationMs', input.durationMs, 0, maxDurationMs),
      ts: timestamp(input.ts, now, maxAgeMs),
    };
    const dbTimeMs = optionalNumber('dbTimeMs', input.dbTimeMs, 0, maxDurationMs);
    const dbQueries = optionalNumber('dbQueries', input.dbQueries, 0, maxDbQueries, true);
    const requestBytes = optionalNumber('requestBytes', input.requestBytes, 0, maxBytes, true);
    const responseBytes = optionalNumber('responseBytes', input.responseBytes, 0, maxBytes, true);
    if (input.cacheHit !== undefined && typeof input.cacheHit !== 'boolean') fail('cacheHit');
    if (dbTimeMs !== undefined) out.dbTimeMs = dbTimeMs;
    if (dbQueries !== undefined) out.dbQueries = dbQueries;
    if (input.cacheHit !== undefined) out.cacheHit = input.cacheHit;
    if (requestBytes !== undefined) out.requestBytes = requestBytes;
    if (responseBytes !== undefined) out.responseBytes = responseBytes;
    if (input.path !== undefined) out.path = route(input.path, 'path');
    if (instance !== undefined) out.instance = instance;
    return out;
  });
}

/** A metric point as the API takes it, or the first field at fault. */
export function checkPoint(
  name: string,
  value: number,
  tags: Tags | undefined,
  options: MetricOptions | undefined,
  { now, maxAgeMs }: Omit<CheckContext, 'service'>,
): Checked<WirePoint> {
  return guarded(() => {
    if (!isIdentifier(name, LIMITS.maxMetricNameLength)) return fail('name');
    if (options !== undefined && (typeof options !== 'object' || options === null)) return fail('record');
    const kind = options?.kind ?? 'gauge';
    if (!KINDS.has(kind)) return fail('kind');
    const min = kind === 'counter' ? 0 : -LIMITS.maxAbsValue;
    const out: WirePoint = { name, value: numberField('value', value, min, LIMITS.maxAbsValue), kind, ts: 0 };
    const unit = options?.unit;
    if (unit !== undefined) {
      if (typeof unit !== 'string' || unit.length > LIMITS.maxUnitLength || !UNIT.test(unit)) return fail('unit');
      out.unit = unit;
    }
    const checkedTags = tagsField(tags);
    if (checkedTags) out.tags = checkedTags;
    out.ts = timestamp(options?.ts, now, maxAgeMs);
    return out;
  });
}

/** A deploy marker as `POST /api/v1/deployments` takes it: the reporter's service added. */
export type WireDeployment = { service: string; version: string; environment?: string; commit?: string; ts: number };

/** A deploy marker as the API takes it, or the first field at fault. */
export function checkDeployment(
  input: DeploymentInput,
  { service, now, maxAgeMs }: Omit<CheckContext, 'instance'>,
): Checked<WireDeployment> {
  return guarded(() => {
    if (typeof input !== 'object' || input === null) return fail('record');
    const raw = input.version;
    const version = typeof raw === 'string' && raw.length <= 400 ? raw.trim() : fail('version');
    if (!version || version.length > 100 || CONTROL.test(version) || LONE_SURROGATE.test(version)) fail('version');
    const out: WireDeployment = { service, version, ts: timestamp(input.ts, now, maxAgeMs) };
    if (input.environment !== undefined) {
      out.environment = isIdentifier(input.environment, 50) ? input.environment : fail('environment');
    }
    if (input.commit !== undefined) {
      out.commit =
        typeof input.commit === 'string' && /^[0-9a-fA-F]{7,64}$/.test(input.commit) ? input.commit : fail('commit');
    }
    return out;
  });
}
