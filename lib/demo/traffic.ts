/**
 * When the demo shop is busy: business hours on weekdays (UTC), a quieter evening, little at
 * night, weekends at under half; and when its one incident happens.
 */
import { DAY_MS, HOUR_MS } from '../time';

const bump = (h: number, at: number, width: number) => Math.exp(-(((h - at) / width) ** 2));

/** Relative traffic from about 0.1 (weekday night) to 1 (weekday early afternoon). */
export function trafficAt(ts: number): number {
  const date = new Date(ts);
  const h = date.getUTCHours() + date.getUTCMinutes() / 60;
  const daily = Math.min(1, 0.1 + 0.8 * bump(h, 11, 2.6) + 0.7 * bump(h, 15.5, 2.8) + 0.25 * bump(h, 20.5, 1.8));
  const day = date.getUTCDay();
  return day === 0 || day === 6 ? daily * 0.42 : daily;
}

export const INCIDENT_MINUTES = 45;
const INCIDENT_START_UTC = { hour: 14, minute: 20 };

/**
 * The incident: 45 minutes from 14:20 UTC on the latest day where it falls wholly inside the
 * range, so that even a one-day range holds it; at 6 hours before the end when none does.
 */
export function incidentWindow(from: number, to: number): { from: number; to: number } {
  const length = INCIDENT_MINUTES * 60_000;
  const day = Math.floor(to / DAY_MS) * DAY_MS;
  for (
    let start = day + INCIDENT_START_UTC.hour * HOUR_MS + INCIDENT_START_UTC.minute * 60_000;
    start >= from;
    start -= DAY_MS
  ) {
    if (start + length <= to) return { from: start, to: start + length };
  }
  const start = Math.max(from, Math.floor((to - 6 * HOUR_MS) / 60_000) * 60_000);
  return { from: start, to: Math.min(to, start + length) };
}
