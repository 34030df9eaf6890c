/**
 * POST /api/v1/metrics without zod for the common case. Validating 1,000 points with the zod
 * schema (schema.ts) costs ~7 ms, as much as the rest of the request; here a body whose every
 * point is plainly valid is read in one pass, and the parsed objects are kept instead of copied
 * (only the default `kind` is filled in). At the first doubt (a field out of the ordinary, a
 * value zod would trim or refuse) it returns null and the zod schema decides, with its
 * messages. It must accept nothing zod refuses and build exactly what zod builds:
 * tests/unit/fast-metrics.test.ts runs both on every payload of the schema and hostile suites.
 */
import { implausibleTimestamp } from './timestamp';
import { METRIC_KINDS } from '../rollup';
import { INGEST_LIMITS as L, type MetricsBody, type MetricPoint } from './schema';

const NAME = /^[A-Za-z][A-Za-z0-9_.:-]*$/;
const TAG_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const UNIT = /^[A-Za-z0-9%/_.]+$/;
// Printable: no control or format characters, no lone surrogates; checked as zod's `text` does.
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}]/u;
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
const POINT_KEYS = new Set(['name', 'value', 'ts', 'kind', 'unit', 'tags']);
const KINDS: ReadonlySet<string> = new Set(METRIC_KINDS);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function plainTags(input: unknown): boolean {
  if (!isPlainObject(input)) return false;
  const keys = Object.keys(input);
  if (keys.length > L.maxTags) return false;
  for (const key of keys) {
    const value = input[key];
    if (key.length > L.maxTagKeyLength || !TAG_KEY.test(key) || RESERVED.has(key)) return false;
    if (typeof value !== 'string' || value.length === 0 || value.length > L.maxTagValueLength) return false;
    // zod trims tag values: an untrimmed one goes to zod, which builds the trimmed copy.
    if (value.trim() !== value || UNPRINTABLE.test(value)) return false;
  }
  return true;
}

function plainPoint(input: unknown): input is MetricPoint {
  if (!isPlainObject(input)) return false;
  for (const key of Object.keys(input)) if (!POINT_KEYS.has(key)) return false;
  const { name, value, ts, kind = 'gauge', unit, tags } = input;
  if (typeof name !== 'string' || name.length > L.maxMetricNameLength || !NAME.test(name)) return false;
  if (typeof value !== 'number' || !(Math.abs(value) <= L.maxAbsValue)) return false;
  if (typeof kind !== 'string' || !KINDS.has(kind)) return false;
  if (kind === 'counter' && value < 0) return false;
  if (ts !== undefined && ((typeof ts !== 'number' && typeof ts !== 'string') || implausibleTimestamp(ts) !== null)) {
    return false;
  }
  if (unit !== undefined && (typeof unit !== 'string' || unit.length > L.maxUnitLength || !UNIT.test(unit)))
    return false;
  if (tags !== undefined && !plainTags(tags)) return false;
  // zod's default, written into the parsed object itself (it is ours: JSON.parse made it).
  input.kind = kind;
  return true;
}

/** The parsed body, or null when zod must look at it. */
export function fastMetricsBody(input: unknown): MetricsBody | null {
  if (!isPlainObject(input)) return null;
  const keys = Object.keys(input);
  if (keys.length !== 1 || keys[0] !== 'points') return null;
  const list = input.points;
  if (!Array.isArray(list) || list.length === 0 || list.length > L.maxPoints) return null;
  for (const point of list) if (!plainPoint(point)) return null;
  return { points: list as MetricPoint[] };
}
