/**
 * POST /api/v1/vitals without zod for the common case. A beacon arrives per page view, so its
 * fixed costs count: here a beacon whose every field is plainly valid is checked in one pass and
 * the parsed object is kept as it is. At the first doubt (an unknown field, a string zod would
 * trim, a value out of range) it returns null and the zod schema (schema.ts) decides, with its
 * messages. It must accept nothing zod refuses and build exactly what zod builds:
 * tests/unit/fast-vitals.test.ts runs both on generated and hostile beacons.
 */
import { DEVICES, VITALS } from '../metrics';
import { CONNECTION_TYPES, NAVIGATION_TYPES, RATINGS, SITE_ID, VITALS_LIMITS as L, type Beacon } from './schema';

const PAGE = /^[0-9A-Za-z_-]{8,64}$/;
// Control and format characters, and lone surrogates: what the schema's paths and texts refuse.
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}]/u;

const BODY_KEYS = new Set(['site', 'page', 'device', 'connection', 'events']);
const EVENT_KEYS = new Set(['name', 'value', 'rating', 'navigation', 'path', 'route', 'attribution']);
const ATTRIBUTION_KEYS = new Set(['target', 'url', 'interaction', 'inputDelay', 'processing', 'presentation']);
const set = (values: readonly string[]): ReadonlySet<unknown> => new Set(values);
const NAMES = set(VITALS);
const RATING = set(RATINGS);
const NAVIGATION = set(NAVIGATION_TYPES);
const CONNECTION = set(CONNECTION_TYPES);
const DEVICE = set(DEVICES);
const INTERACTION = set(['pointer', 'keyboard']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(input: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  for (const key in input) if (!allowed.has(key)) return false;
  return true;
}

const inRange = (value: unknown, max: number) => typeof value === 'number' && value >= 0 && value <= max;
const optional = (value: unknown, check: (v: unknown) => boolean) => value === undefined || check(value);

/** A path as the schema takes it (not trimmed): from `/`, bounded, printable. */
const plainPath = (max: number) => (value: unknown) =>
  typeof value === 'string' && value.length <= max && value.startsWith('/') && !UNPRINTABLE.test(value);

/** A text the schema would keep as it is: already trimmed, non-empty, bounded, printable. */
const plainText = (max: number) => (value: unknown) =>
  typeof value === 'string' &&
  value.length > 0 &&
  value.length <= max &&
  value.trim() === value &&
  !UNPRINTABLE.test(value);

const PATH = plainPath(L.maxPathLength);
const ROUTE = plainPath(L.maxRouteLength);
const TARGET = plainText(L.maxTargetLength);
const URL_TEXT = plainText(L.maxUrlLength);
const DURATION = (v: unknown) => inRange(v, L.maxDurationMs);

function plainAttribution(input: unknown): boolean {
  if (!isPlainObject(input) || !onlyKeys(input, ATTRIBUTION_KEYS)) return false;
  return (
    optional(input.target, TARGET) &&
    optional(input.url, URL_TEXT) &&
    optional(input.interaction, (v) => INTERACTION.has(v)) &&
    optional(input.inputDelay, DURATION) &&
    optional(input.processing, DURATION) &&
    optional(input.presentation, DURATION)
  );
}

function plainEvent(input: unknown): boolean {
  if (!isPlainObject(input) || !onlyKeys(input, EVENT_KEYS)) return false;
  const { name, value } = input;
  if (!NAMES.has(name) || !inRange(value, name === 'CLS' ? L.maxCls : L.maxDurationMs)) return false;
  return (
    optional(input.rating, (v) => RATING.has(v)) &&
    optional(input.navigation, (v) => NAVIGATION.has(v)) &&
    PATH(input.path) &&
    optional(input.route, ROUTE) &&
    optional(input.attribution, plainAttribution)
  );
}

/** The parsed beacon, or null when zod must look at it. */
export function fastBeacon(input: unknown): Beacon | null {
  if (!isPlainObject(input) || !onlyKeys(input, BODY_KEYS)) return null;
  const { site, page, device, connection, events } = input;
  if (typeof site !== 'string' || !SITE_ID.test(site)) return null;
  if (typeof page !== 'string' || !PAGE.test(page)) return null;
  if (!DEVICE.has(device) || !optional(connection, (v) => CONNECTION.has(v))) return null;
  if (!Array.isArray(events) || events.length === 0 || events.length > L.maxEvents) return null;
  for (const e of events) if (!plainEvent(e)) return null;
  return input as Beacon;
}
