'use client';

import { useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { TimeZoneContext, type TimeSettings } from '@/lib/hooks/useTimeZone';
import { TIME_ZONE_COOKIE, TIME_ZONE_COOKIE_MAX_AGE, type TimeZonePreference } from '@/lib/preferences';
import { canonicalTimeZone, runtimeTimeZone, UTC } from '@/lib/format/time';

const noSubscription = () => () => {};

/** Tells the server the browser's zone, for its next render (only a known zone is ever written). */
function reportZone(zone: string): void {
  const secure = window.location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${TIME_ZONE_COOKIE}=${zone}; Path=/; Max-Age=${TIME_ZONE_COOKIE_MAX_AGE}; SameSite=Lax${secure}`;
}

function reportedZone(): string | null {
  const raw = document.cookie
    .split('; ')
    .find((c) => c.startsWith(`${TIME_ZONE_COOKIE}=`))
    ?.slice(TIME_ZONE_COOKIE.length + 1);
  return canonicalTimeZone(raw);
}

/**
 * Provides the zone times are shown in (lib/hooks/useTimeZone.ts). The server renders with
 * `zone`, decided by the layout from the preference and the zone cookie; the browser's first
 * render (hydration) uses the same, so both write the same text. With the browser's zone chosen,
 * the browser then reads its own zone: when it differs (no cookie yet, or a trip) the times
 * switch to it and the cookie is written for the next page the server renders.
 */
export function TimeZoneProvider({
  preference: initialPreference,
  zone: serverZone,
  children,
}: {
  preference: TimeZonePreference;
  zone: string;
  children: ReactNode;
}) {
  const [preference, setPreference] = useState(initialPreference);
  // Null on the server and during hydration; the browser's zone from then on.
  const browserZone = useSyncExternalStore(noSubscription, runtimeTimeZone, () => null);
  const zone = preference === 'browser' ? (browserZone ?? serverZone) : UTC;

  useEffect(() => {
    if (preference === 'browser' && browserZone && reportedZone() !== canonicalTimeZone(browserZone)) {
      reportZone(browserZone);
    }
  }, [preference, browserZone]);

  const value = useMemo<TimeSettings>(() => ({ zone, preference, setPreference }), [zone, preference]);
  return <TimeZoneContext.Provider value={value}>{children}</TimeZoneContext.Provider>;
}
