'use client';

import { createContext, useContext } from 'react';
import type { TimeZonePreference } from '@/lib/preferences';
import { UTC } from '@/lib/format/time';

/**
 * The zone the dashboard shows times in, decided by the dashboard layout from the user's
 * preference (and, for the browser's zone, the cookie the browser set) and provided once by the
 * shell (components/shell/TimeZoneProvider.tsx). Every formatted time reads it, so the server's
 * render and the browser's first render write the same text.
 */
export type TimeSettings = {
  zone: string;
  preference: TimeZonePreference;
  /** Shows times by another preference at once (after the API stored it). */
  setPreference: (preference: TimeZonePreference) => void;
};

/** Outside the shell (sign-in, share pages): UTC. */
export const TimeZoneContext = createContext<TimeSettings>({ zone: UTC, preference: 'UTC', setPreference: () => {} });

/** The zone to format times in (lib/format/time.ts). */
export function useTimeZone(): string {
  return useContext(TimeZoneContext).zone;
}

export function useTimeSettings(): TimeSettings {
  return useContext(TimeZoneContext);
}
