/**
 * The dashboard's one time format: explicit zones (never the machine's), one style, labels from
 * the offset (so daylight saving time shows), round ticks in the zone, datetime-local values read
 * in the zone across the hours the clocks skip or repeat, and hostile zone names refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isTimeZonePreference, zoneFor } from '@/lib/preferences';
import {
  canonicalTimeZone,
  formatClock,
  formatDateTime,
  formatIso,
  formatRange,
  formatTick,
  fromZonedInput,
  offsetLabel,
  safeTimeZone,
  timeTicks,
  toZonedInput,
  zonedParts,
} from '@/lib/format/time';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T = Date.UTC(2026, 11, 7, 14, 5);

describe('formatting a time in a zone', () => {
  const machineZone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = machineZone;
  });

  it('writes one style with the zone’s label', () => {
    expect(formatDateTime(T, 'UTC')).toBe('7 Dec, 14:05 UTC');
    expect(formatDateTime(T, 'Europe/Berlin')).toBe('7 Dec, 15:05 UTC+1');
    expect(formatDateTime(T, 'America/New_York')).toBe('7 Dec, 09:05 UTC-5');
    expect(formatDateTime(T, 'Asia/Kolkata')).toBe('7 Dec, 19:35 UTC+5:30');
    expect(formatDateTime(T, 'Asia/Kathmandu')).toBe('7 Dec, 19:50 UTC+5:45');
    expect(formatDateTime(T, 'America/St_Johns')).toBe('7 Dec, 10:35 UTC-3:30');
    expect(formatDateTime(T, 'Europe/Berlin', { year: true })).toBe('7 Dec 2026, 15:05 UTC+1');
    expect(formatDateTime(T, 'Europe/Berlin', { zone: false })).toBe('7 Dec, 15:05');
    expect(formatClock(T, 'Asia/Tokyo')).toBe('23:05');
    // Another day in the zone than in UTC.
    expect(formatDateTime(Date.UTC(2026, 11, 31, 23, 30), 'Asia/Tokyo', { year: true })).toBe(
      '1 Jan 2027, 08:30 UTC+9',
    );
    expect(formatDateTime(Date.UTC(2026, 0, 1, 0, 0), 'Pacific/Honolulu', { year: true })).toBe(
      '31 Dec 2025, 14:00 UTC-10',
    );
  });

  it('never depends on the machine’s zone', () => {
    process.env.TZ = 'Pacific/Auckland';
    expect(formatDateTime(T, 'UTC')).toBe('7 Dec, 14:05 UTC');
    expect(formatDateTime(T, 'Europe/Berlin')).toBe('7 Dec, 15:05 UTC+1');
    expect(toZonedInput(T, 'UTC')).toBe('2026-12-07T14:05');
  });

  it('writes wire timestamps, and a dash for none or a malformed one', () => {
    expect(formatIso('2026-12-07T14:05:00.000Z', 'UTC')).toBe('7 Dec, 14:05 UTC');
    expect(formatIso(null, 'UTC')).toBe('–');
    expect(formatIso('yesterday', 'UTC')).toBe('–');
    expect(formatDateTime(Number.NaN, 'UTC')).toBe('–');
  });

  it('writes ranges with the date once within a day, and each end’s label across a DST change', () => {
    expect(formatRange({ from: Date.UTC(2026, 10, 23, 9, 5), to: Date.UTC(2026, 10, 24, 9, 5) }, 'UTC')).toBe(
      '23 Nov, 09:05 – 24 Nov, 09:05 UTC',
    );
    expect(formatRange({ from: T, to: T + HOUR }, 'UTC')).toBe('7 Dec, 14:05 – 15:05 UTC');
    expect(formatRange({ from: T, to: null }, 'Europe/Berlin')).toBe('7 Dec, 15:05 UTC+1 – now');
    // Europe/Berlin springs forward at 01:00 UTC on 29 March 2026.
    expect(formatRange({ from: Date.UTC(2026, 2, 29, 0, 30), to: Date.UTC(2026, 2, 29, 1, 30) }, 'Europe/Berlin')).toBe(
      '29 Mar, 01:30 UTC+1 – 29 Mar, 03:30 UTC+2',
    );
    // New York falls back at 06:00 UTC on 1 November 2026: 01:30 happens twice.
    const first = Date.UTC(2026, 10, 1, 5, 30);
    expect(formatDateTime(first, 'America/New_York')).toBe('1 Nov, 01:30 UTC-4');
    expect(formatDateTime(first + HOUR, 'America/New_York')).toBe('1 Nov, 01:30 UTC-5');
  });

  it('labels offsets', () => {
    expect([0, 60, -300, 330, -210, 345, 840].map(offsetLabel)).toEqual([
      'UTC',
      'UTC+1',
      'UTC-5',
      'UTC+5:30',
      'UTC-3:30',
      'UTC+5:45',
      'UTC+14',
    ]);
    expect(zonedParts(T, 'Europe/London').offsetMinutes).toBe(0);
    expect(zonedParts(Date.UTC(2026, 6, 1), 'Europe/London').offsetMinutes).toBe(60);
  });
});

describe('chart ticks in a zone', () => {
  it('writes hours up to two days of span, then days', () => {
    expect(formatTick(T, 'UTC', DAY)).toBe('14:05');
    expect(formatTick(T, 'Europe/Berlin', 2 * DAY)).toBe('15:05');
    expect(formatTick(T, 'Europe/Berlin', 3 * DAY)).toBe('7 Dec');
  });

  it('falls on whole hours and midnights of the zone', () => {
    const hourly = timeTicks(T - DAY, T, 'Asia/Kolkata');
    expect(hourly.length).toBeGreaterThanOrEqual(3);
    for (const t of hourly) expect(zonedParts(t, 'Asia/Kolkata').minute).toBe(0);
    const daily = timeTicks(T - 30 * DAY, T, 'America/New_York');
    expect(daily.length).toBeGreaterThanOrEqual(3);
    for (const t of daily) expect(toZonedInput(t, 'America/New_York').slice(11)).toBe('00:00');
    // Midnights across the change to summer time stay midnights.
    const spring = timeTicks(Date.UTC(2026, 2, 20), Date.UTC(2026, 3, 5), 'Europe/Berlin');
    for (const t of spring) expect(toZonedInput(t, 'Europe/Berlin').slice(11)).toBe('00:00');
    expect(timeTicks(T, T, 'UTC')).toEqual([]);
    expect(timeTicks(T, Number.NaN, 'UTC')).toEqual([]);
  });
});

describe('datetime-local values in a zone', () => {
  it('round-trips an ordinary time', () => {
    for (const zone of ['UTC', 'Europe/Berlin', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Chatham']) {
      expect(fromZonedInput(toZonedInput(T, zone), zone)).toBe(T);
    }
    expect(toZonedInput(T, 'Europe/Berlin')).toBe('2026-12-07T15:05');
    expect(fromZonedInput('2026-12-07T15:05', 'Europe/Berlin')).toBe(T);
    expect(fromZonedInput('2026-12-07T15:05:00', 'Europe/Berlin')).toBe(T);
  });

  it('reads a time the clocks skip with the offset before the change, and a repeated one as the first', () => {
    // 02:30 does not exist in Berlin on 29 March 2026: read at +1, it is 03:30 of the new offset.
    const skipped = fromZonedInput('2026-03-29T02:30', 'Europe/Berlin')!;
    expect(skipped).toBe(Date.UTC(2026, 2, 29, 1, 30));
    expect(formatDateTime(skipped, 'Europe/Berlin')).toBe('29 Mar, 03:30 UTC+2');
    // 02:30 happens twice on 25 October 2026: the first (still summer time).
    expect(fromZonedInput('2026-10-25T02:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 9, 25, 0, 30));
    expect(fromZonedInput('2026-10-25T03:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 9, 25, 2, 30));
  });

  it('refuses what is not a wall-clock time', () => {
    for (const value of [
      '',
      '2026-02-31T00:00',
      '2026-13-01T00:00',
      '2026-12-07T24:00',
      '2026-12-07T12:60',
      '2026-12-07',
      '2026-12-07T12:00Z',
      '2026-12-07T12:00+01:00',
      ' 2026-12-07T12:00',
      '<script>',
    ]) {
      expect(fromZonedInput(value, 'UTC'), value).toBeNull();
    }
  });
});

describe('zone names', () => {
  it('take known zones, canonicalised', () => {
    expect(canonicalTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    // Which of a zone's names is canonical differs between ICU versions; the zone is the same.
    expect(canonicalTimeZone('America/Argentina/Buenos_Aires')).toMatch(/^America\/(Argentina\/)?Buenos_Aires$/);
    expect(canonicalTimeZone('Etc/GMT+5')).toBe('Etc/GMT+5');
    for (const utc of ['UTC', 'utc', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Zulu']) expect(canonicalTimeZone(utc)).toBe('UTC');
  });

  it.each([
    ['an unknown zone', 'Europe/Atlantis'],
    ['an offset', '+01:00'],
    ['markup', '<script>alert(1)</script>'],
    ['a path', '../../etc/passwd'],
    ['a NUL', 'Europe/Berlin\u0000'],
    ['a newline', 'Europe/Berlin\nSet-Cookie: x=1'],
    ['a bidi override', '\u202eEurope/Berlin'],
    ['spaces', ' Europe/Berlin'],
    ['a very long name', `Europe/${'A'.repeat(5000)}`],
    ['an empty string', ''],
    ['a number', 3600],
    ['an object', { toString: () => 'Europe/Berlin' }],
    ['null', null],
  ])('refuse %s and fall back to UTC', (_what, value) => {
    expect(canonicalTimeZone(value)).toBeNull();
    expect(safeTimeZone(value)).toBe('UTC');
    expect(formatDateTime(T, safeTimeZone(value))).toBe('7 Dec, 14:05 UTC');
  });

  it('an unknown zone reaching a formatter reads as UTC instead of throwing', () => {
    expect(formatDateTime(T, 'Europe/Atlantis')).toBe('7 Dec, 14:05 UTC');
  });
});

describe('the time zone preference', () => {
  it('shows UTC, or the browser’s reported zone when it is a known one', () => {
    expect(zoneFor('UTC', 'Europe/Berlin')).toBe('UTC');
    expect(zoneFor('browser', 'Europe/Berlin')).toBe('Europe/Berlin');
    expect(zoneFor('browser', undefined)).toBe('UTC');
    expect(zoneFor('browser', '"><img src=x>')).toBe('UTC');
    expect(isTimeZonePreference('browser')).toBe(true);
    expect(isTimeZonePreference('Europe/Berlin')).toBe(false);
  });
});
