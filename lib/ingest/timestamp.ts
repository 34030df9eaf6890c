/**
 * Timestamps as services send them: milliseconds since the epoch, or an ISO 8601 date-time with `Z` or an offset.
 * Reasons read after the field name: `ts ${reason}`.
 */

import { DAY_MS, MINUTE_MS } from '../time';

/** How far ahead of the server clock a timestamp may be (clock skew). */
export const FUTURE_TOLERANCE_MS = 5 * MINUTE_MS;
/** Plausible instants: anything outside is a unit mistake (seconds, microseconds) or garbage. */
export const EARLIEST_TS = Date.UTC(2000, 0, 1);
export const LATEST_TS = Date.UTC(2100, 0, 1);
/** Points older than this are refused: the minute rollups, the finest kept beyond raw points, last 30 days. */
export const MAX_POINT_AGE_MS = 30 * DAY_MS;

// 2026-11-23T10:00:00Z, 2026-11-23T10:00:00.123456+01:00. Seconds required; fraction up to nanoseconds.
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const MAX_ISO_LENGTH = 40;

export type TimestampCheck = { ok: true; ms: number } | { ok: false; reason: string };

const fail = (reason: string): TimestampCheck => ({ ok: false, reason });
const ISO_EXPECTED = 'must be an ISO 8601 date-time with Z or an offset, such as 2026-11-23T10:00:00Z';

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Parses an ISO 8601 date-time strictly: the pattern above and a real calendar date and time of day. */
export function parseIsoTimestamp(value: string): TimestampCheck {
  const match = value.length <= MAX_ISO_LENGTH ? ISO_DATE_TIME.exec(value) : null;
  if (!match) return fail(ISO_EXPECTED);
  const part = (i: number) => Number(match[i] ?? 0);
  const [year, month, day, hour, minute, second] = [part(1), part(2), part(3), part(4), part(5), part(6)];
  const [offsetHours, offsetMinutes] = [part(9), part(10)];
  const fraction = match[7] ?? '';
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return fail('is not a valid calendar date');
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) {
    return fail('is not a valid time of day');
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // setUTCFullYear, unlike Date.UTC, keeps years 0–99 as they are
  date.setUTCHours(hour, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3)));
  const offsetMs = (offsetHours * 60 + offsetMinutes) * MINUTE_MS * (match[8] === '-' ? -1 : 1);
  return { ok: true, ms: date.getTime() - offsetMs };
}

/** Timestamp problems that need no clock: the wrong unit, or outside 2000–2100. `null` when plausible. */
export function implausibleTimestamp(ts: number | string): string | null {
  const parsed = typeof ts === 'string' ? parseIsoTimestamp(ts) : null;
  if (parsed && !parsed.ok) return parsed.reason;
  const ms = parsed?.ok ? parsed.ms : Number(ts);
  if (!Number.isFinite(ms)) return 'must be a finite number of milliseconds since the epoch';
  // A plausible instant once rescaled says which unit was sent instead of milliseconds.
  const plausible = (scaled: number) => typeof ts === 'number' && scaled >= EARLIEST_TS && scaled < LATEST_TS;
  if (ms < EARLIEST_TS) {
    return plausible(ms * 1000)
      ? 'looks like seconds; send milliseconds since the epoch'
      : 'must be after 2000-01-01 (milliseconds since the epoch)';
  }
  if (ms >= LATEST_TS) {
    if (plausible(ms / 1000)) return 'looks like microseconds; send milliseconds since the epoch';
    if (plausible(ms / 1e6)) return 'looks like nanoseconds; send milliseconds since the epoch';
    return 'must be before 2100-01-01';
  }
  return null;
}

function formatDays(ms: number): string {
  const days = Number((ms / DAY_MS).toFixed(2));
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

/**
 * Resolves a timestamp against the clock: missing means now; ISO strings are parsed strictly; numbers are
 * milliseconds (rounded). Refuses instants more than 5 minutes ahead of `now` or older than `maxAgeMs`.
 */
export function checkTimestamp(ts: number | string | undefined, now: number, maxAgeMs: number): TimestampCheck {
  if (ts === undefined) return { ok: true, ms: now };
  let ms: number;
  if (typeof ts === 'string') {
    const parsed = parseIsoTimestamp(ts);
    if (!parsed.ok) return parsed;
    ms = parsed.ms;
  } else {
    if (!Number.isFinite(ts)) return fail('must be a finite number of milliseconds since the epoch');
    ms = Math.round(ts);
  }
  if (ms > now + FUTURE_TOLERANCE_MS) {
    return fail(`is more than ${FUTURE_TOLERANCE_MS / MINUTE_MS} minutes in the future`);
  }
  if (ms < now - maxAgeMs) return fail(`is older than the retention of ${formatDays(maxAgeMs)}`);
  return { ok: true, ms };
}
