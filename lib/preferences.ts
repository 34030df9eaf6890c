/**
 * A signed-in user's display preferences, as the browser and the server both read them. Times
 * are shown in UTC, or in the zone the user's browser runs in. The server cannot know that zone
 * on a first visit: the browser reports it in a cookie (`observatory.tz`), which the dashboard's
 * layout reads, checked, so the server renders the same times the browser's first render shows.
 */
import { safeTimeZone, UTC } from './format/time';

export const TIME_ZONE_PREFERENCES = ['UTC', 'browser'] as const;
export type TimeZonePreference = (typeof TIME_ZONE_PREFERENCES)[number];

export const TIME_ZONE_LABELS: Record<TimeZonePreference, string> = {
  UTC: 'UTC',
  browser: "Your browser's time zone",
};

/** The cookie holding the zone the browser reported (an IANA name); only ever read through `zoneFor`. */
export const TIME_ZONE_COOKIE = 'observatory.tz';
/** A year: the browser writes it again whenever its zone differs. */
export const TIME_ZONE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

export function isTimeZonePreference(value: unknown): value is TimeZonePreference {
  return (TIME_ZONE_PREFERENCES as readonly unknown[]).includes(value);
}

/**
 * The zone times are shown in for a preference: UTC, or the browser's zone as its cookie reports
 * it (anything but a known zone, a missing cookie included, reads as UTC until the browser says).
 */
export function zoneFor(preference: TimeZonePreference, reportedZone: string | null | undefined): string {
  return preference === 'browser' ? safeTimeZone(reportedZone) : UTC;
}
