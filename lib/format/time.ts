/**
 * Times as the dashboard writes them, in one style and always in a time zone named by the
 * caller: "7 Dec, 14:05 UTC", "7 Dec 2026, 14:05 UTC+1", "7 Dec, 14:05 – 15:05 UTC". Nothing
 * here reads the machine's zone or locale, so the server's render and the browser's agree.
 *
 * Only numbers come from Intl (the zone's wall-clock fields of an instant); month names and the
 * zone's label ("UTC", "UTC+1", "UTC-3:30") are written here, so the text is the same whatever
 * ICU data the server's Node and the reader's browser carry. A label from the offset also shows
 * a change of daylight saving time within a range.
 *
 * Safe in the browser and on the server; Latin-1 only in the source (lib/chars.ts).
 */
import { EN_DASH } from '../chars';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../time';

export const UTC = 'UTC';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** An IANA zone name as written: letters, digits and `_ + - /`, e.g. Europe/Berlin, Etc/GMT+5. */
const ZONE_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;
const MAX_ZONE_LENGTH = 64;

/** Formatters per zone, bounded: a zone comes from a cookie or a browser, so the set is open. */
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 64;

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(zone, f);
  }
  return f;
}

/**
 * The canonical name of a time zone the runtime knows ("europe/berlin" → "Europe/Berlin"), or
 * null for anything else: not a string, too long, not shaped like a zone name (offsets such as
 * "+01:00", markup, control characters), or unknown to Intl.
 */
export function canonicalTimeZone(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ZONE_LENGTH) return null;
  if (!ZONE_SHAPE.test(value)) return null;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
    // Etc/UTC, Etc/GMT, UCT, Zulu… are all UTC.
    if (/^(Etc\/)?(UTC|UCT|GMT|Universal|Zulu|Greenwich)(0|[+-]0)?$/i.test(resolved)) return UTC;
    return ZONE_SHAPE.test(resolved) ? resolved : null;
  } catch {
    return null;
  }
}

/** A zone to format in: `value` when it is a known zone, otherwise UTC. */
export function safeTimeZone(value: unknown): string {
  return canonicalTimeZone(value) ?? UTC;
}

/** The zone the runtime runs in (the reader's, in a browser); UTC when it does not say. */
export function runtimeTimeZone(): string {
  try {
    return safeTimeZone(new Intl.DateTimeFormat().resolvedOptions().timeZone);
  } catch {
    return UTC;
  }
}

export type ZonedParts = {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Minutes ahead of UTC at that instant (Berlin in winter: 60). */
  offsetMinutes: number;
};

/** The wall-clock fields of instant `ms` in `zone` (an unknown zone reads as UTC). */
export function zonedParts(ms: number, zone: string): ZonedParts {
  if (zone === UTC) {
    const d = new Date(ms);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      offsetMinutes: 0,
    };
  }
  let f: Intl.DateTimeFormat;
  try {
    f = formatterFor(zone);
  } catch {
    return zonedParts(ms, UTC);
  }
  const out: Record<string, number> = {};
  for (const part of f.formatToParts(ms)) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  const hour = out.hour === 24 ? 0 : out.hour!;
  const wall = Date.UTC(out.year!, out.month! - 1, out.day!, hour, out.minute!, out.second!);
  const instant = Math.floor(ms / 1000) * 1000;
  return {
    year: out.year!,
    month: out.month!,
    day: out.day!,
    hour,
    minute: out.minute!,
    second: out.second!,
    offsetMinutes: Math.round((wall - instant) / MINUTE_MS),
  };
}

/** A zone's offset as a label: "UTC", "UTC+1", "UTC-3:30", "UTC+5:45". */
export function offsetLabel(offsetMinutes: number): string {
  if (offsetMinutes === 0) return UTC;
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const minutes = abs % 60;
  return `UTC${sign}${Math.floor(abs / 60)}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}

/** The label of `zone` at instant `ms` ("UTC+2" in Berlin's summer). */
export function zoneLabel(ms: number, zone: string): string {
  return offsetLabel(zonedParts(ms, zone).offsetMinutes);
}

const pad = (n: number) => String(n).padStart(2, '0');

function clock(p: ZonedParts): string {
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

function date(p: ZonedParts, withYear: boolean): string {
  return `${p.day} ${MONTHS[p.month - 1]}${withYear ? ` ${p.year}` : ''}`;
}

export type DateTimeOptions = {
  /** Add the year: for dates that may lie in another year (created, last used). Default false. */
  year?: boolean;
  /** Add the zone's label. Default true. */
  zone?: boolean;
  /** Add seconds and milliseconds ("14:05:09.123"): for a single request. Default false. */
  precise?: boolean;
};

/** "7 Dec, 14:05 UTC"; "7 Dec 2026, 14:05 UTC+1" with the year; "7 Dec, 14:05:09.123 UTC" precise. */
export function formatDateTime(ms: number, zone: string, options: DateTimeOptions = {}): string {
  if (!Number.isFinite(ms)) return EN_DASH;
  const p = zonedParts(ms, zone);
  const precise = options.precise ? `:${pad(p.second)}.${String(((ms % 1000) + 1000) % 1000).padStart(3, '0')}` : '';
  const text = `${date(p, options.year ?? false)}, ${clock(p)}${precise}`;
  return options.zone === false ? text : `${text} ${offsetLabel(p.offsetMinutes)}`;
}

/** A wire timestamp (ISO 8601) as `formatDateTime` writes it; a dash for none or a malformed one. */
export function formatIso(iso: string | null | undefined, zone: string, options: DateTimeOptions = {}): string {
  return iso ? formatDateTime(Date.parse(iso), zone, options) : EN_DASH;
}

/** "14:05" in `zone`. */
export function formatClock(ms: number, zone: string): string {
  return Number.isFinite(ms) ? clock(zonedParts(ms, zone)) : EN_DASH;
}

/**
 * A span: "23 Nov, 09:05 – 24 Nov, 09:05 UTC", the date once within one day ("7 Dec, 14:05 –
 * 15:05 UTC"), and each end's label when the offset changes in between (daylight saving time).
 * `to` null: still going ("7 Dec, 14:05 UTC – now").
 */
export function formatRange(range: { from: number; to: number | null }, zone: string): string {
  const a = zonedParts(range.from, zone);
  if (range.to === null) return `${date(a, false)}, ${clock(a)} ${offsetLabel(a.offsetMinutes)} ${EN_DASH} now`;
  const b = zonedParts(range.to, zone);
  const start = `${date(a, false)}, ${clock(a)}`;
  if (a.offsetMinutes !== b.offsetMinutes) {
    return `${start} ${offsetLabel(a.offsetMinutes)} ${EN_DASH} ${date(b, false)}, ${clock(b)} ${offsetLabel(b.offsetMinutes)}`;
  }
  const sameDay = a.year === b.year && a.month === b.month && a.day === b.day;
  const end = sameDay ? clock(b) : `${date(b, false)}, ${clock(b)}`;
  return `${start} ${EN_DASH} ${end} ${offsetLabel(b.offsetMinutes)}`;
}

/** A chart's time tick: "14:05" up to two days of span, then the day ("24 Nov"). */
export function formatTick(ms: number, zone: string, spanMs: number): string {
  const p = zonedParts(ms, zone);
  return spanMs > 2 * DAY_MS ? date(p, false) : clock(p);
}

/** The steps a time axis may take, each a whole number of minutes, hours or days of the zone. */
const TICK_STEPS = [
  5 * MINUTE_MS,
  10 * MINUTE_MS,
  15 * MINUTE_MS,
  30 * MINUTE_MS,
  HOUR_MS,
  2 * HOUR_MS,
  3 * HOUR_MS,
  6 * HOUR_MS,
  12 * HOUR_MS,
  DAY_MS,
  2 * DAY_MS,
  7 * DAY_MS,
  14 * DAY_MS,
  30 * DAY_MS,
] as const;

/**
 * Tick times for an axis from `from` to `to`: about `count` of them, on round times of the
 * zone's clock (whole hours, midnights), so "09:00" is nine o'clock where the reader is.
 */
export function timeTicks(from: number, to: number, zone: string, count = 6): number[] {
  if (!(to > from) || !Number.isFinite(from) || !Number.isFinite(to)) return [];
  const span = to - from;
  const step = TICK_STEPS.find((s) => span / s <= count) ?? TICK_STEPS.at(-1)!;
  const ticks: number[] = [];
  if (step < DAY_MS) {
    // Round in the zone's wall clock: shift by the offset, round, shift back.
    let t = from;
    while (t <= to && ticks.length < 100) {
      const offset = zonedParts(t, zone).offsetMinutes * MINUTE_MS;
      const aligned = Math.ceil((t + offset) / step) * step - offset;
      if (aligned > to) break;
      if (aligned >= from && ticks.at(-1) !== aligned) ticks.push(aligned);
      t = aligned + step;
    }
    return ticks;
  }
  // Midnights of the zone, every `step / DAY_MS` days.
  const days = step / DAY_MS;
  const first = zonedParts(from, zone);
  let day = Date.UTC(first.year, first.month - 1, first.day);
  for (let i = 0; ticks.length < 100 && i < 1000; i++, day += DAY_MS) {
    const d = new Date(day);
    const midnight = fromZonedFields(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 0, 0, zone);
    if (midnight > to) break;
    if (midnight >= from && Math.round((day - Date.UTC(1970, 0, 5)) / DAY_MS) % days === 0) ticks.push(midnight);
  }
  return ticks;
}

/**
 * The instant a wall-clock time of `zone` stands for. A time that occurs twice (the hour the
 * clocks go back) is the earlier; one that does not occur (the hour they go forward) is read
 * with the offset before the change, so 02:30 on that day becomes 03:30 of the new offset.
 */
export function fromZonedFields(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  zone: string,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const offsetAt = (ms: number) => zonedParts(ms, zone).offsetMinutes * MINUTE_MS;
  const before = offsetAt(wall - DAY_MS);
  const after = offsetAt(wall + DAY_MS);
  const fits = [...new Set([wall - before, wall - after])].filter((t) => offsetAt(t) === wall - t);
  return fits.length ? Math.min(...fits) : wall - before;
}

/** A `datetime-local` input's value for instant `ms` shown in `zone`: "2026-12-07T14:05". */
export function toZonedInput(ms: number, zone: string): string {
  const p = zonedParts(ms, zone);
  return `${String(p.year).padStart(4, '0')}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** A `datetime-local` input's value read as a wall-clock time of `zone`; null when it is not one. */
export function fromZonedInput(value: string, zone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1, 6).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || hour > 23 || minute > 59) return null;
  // A day the month does not have (31 Apr) is refused rather than rolled over.
  if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return fromZonedFields(year, month, day, hour, minute, zone);
}
