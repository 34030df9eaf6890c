'use client';

import { useId, useSyncExternalStore } from 'react';
import { Card } from '@/components/ui/Card';
import { FormError } from '@/components/ui/Form';
import { useSaveTimeZone } from '@/lib/hooks/usePreferences';
import { useTimeSettings } from '@/lib/hooks/useTimeZone';
import { TIME_ZONE_LABELS, TIME_ZONE_PREFERENCES, type TimeZonePreference } from '@/lib/preferences';
import { runtimeTimeZone, zoneLabel } from '@/lib/format/time';

const noSubscription = () => () => {};

/** The user's choice of time zone for every time the dashboard shows: UTC (the same for the whole team) or their browser's. */
export function AccountTimeZone() {
  const { preference } = useTimeSettings();
  const save = useSaveTimeZone();
  const name = useId();
  // Only the browser knows its zone (and the time): null while the server renders and during hydration.
  const browserZone = useSyncExternalStore(noSubscription, runtimeTimeZone, () => null);
  const offsetNow = useSyncExternalStore(
    noSubscription,
    () => (browserZone ? zoneLabel(Date.now(), browserZone) : null),
    () => null,
  );
  const chosen = save.isPending && save.variables ? save.variables : preference;

  const hints: Record<TimeZonePreference, string> = {
    UTC: 'The same for everyone on the team, and what alert notifications and the API use.',
    browser: browserZone
      ? `${browserZone.replaceAll('_', ' ')}${offsetNow ? `, ${offsetNow} now` : ''}. Follows your browser when it moves.`
      : 'The zone your browser runs in.',
  };

  return (
    <Card
      title="Time zone"
      action={
        <p role="status" className="text-xs text-good">
          {save.isSuccess && 'Saved'}
        </p>
      }
    >
      <fieldset className="space-y-3" disabled={save.isPending}>
        <legend className="mb-2 text-sm text-fg-muted">Show the dashboard&apos;s times in</legend>
        {TIME_ZONE_PREFERENCES.map((p) => (
          <div
            key={p}
            className="flex items-start gap-3 rounded-md border border-border p-3 has-[:checked]:border-accent"
          >
            <input
              type="radio"
              id={`${name}-${p}`}
              name={name}
              value={p}
              checked={chosen === p}
              onChange={() => save.mutate(p)}
              aria-describedby={`${name}-${p}-hint`}
              className="mt-0.5 accent-[var(--accent)]"
            />
            <div className="min-w-0">
              <label htmlFor={`${name}-${p}`} className="block cursor-pointer text-sm font-medium text-fg">
                {TIME_ZONE_LABELS[p]}
              </label>
              <p id={`${name}-${p}-hint`} className="text-xs break-words text-fg-muted">
                {hints[p]}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
      {save.error && (
        <div className="mt-3">
          <FormError message={save.error.message} />
        </div>
      )}
    </Card>
  );
}
