'use client';

import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { TimeZonePreference } from '@/lib/preferences';
import { useTimeSettings } from './useTimeZone';

export type Preferences = { timeZone: TimeZonePreference };

/**
 * Stores the signed-in user's time zone preference; once stored, the dashboard shows times by it
 * at once (the shell's provider), and the server renders by it from the next page on.
 */
export function useSaveTimeZone() {
  const { setPreference } = useTimeSettings();
  return useMutation({
    mutationFn: (timeZone: TimeZonePreference) =>
      api<{ preferences: Preferences }>('/api/v1/me/preferences', { method: 'PATCH', body: { timeZone } }),
    onSuccess: ({ preferences }) => setPreference(preferences.timeZone),
  });
}
