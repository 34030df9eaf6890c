'use client';

import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import { fromZonedInput, toZonedInput, UTC, zoneLabel } from '@/lib/format/time';
import { MAX_RANGE_DAYS, MAX_RANGE_MS, PERIOD_LABELS, PERIODS, type Period } from '@/lib/views';
import { useViewState } from './useViewState';

const noSubscription = () => () => {};

const SHORT: Record<Period, string> = { '1h': '1h', '24h': '24h', '7d': '7d', '30d': '30d', custom: 'Custom' };

/**
 * 1h, 24h, 7d, 30d or a custom from/to, kept in the URL (`period`, `from`, `to`). The custom
 * times are written and read in the zone the dashboard shows times in (UTC or the browser's).
 */
export function PeriodSelector() {
  const { state, update } = useViewState();
  const zone = useTimeZone();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The opening time of the form's defaults, which differs between the server and the browser.
  const [now] = useState(() => Date.now());
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const customOpen = editing || state.period === 'custom';

  function choose(period: Period) {
    setError(null);
    if (period === 'custom') {
      setEditing(true);
      return;
    }
    setEditing(false);
    update({ period, from: null, to: null });
  }

  function apply(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const from = fromZonedInput(String(data.get('from') ?? ''), zone);
    const to = fromZonedInput(String(data.get('to') ?? ''), zone);
    if (from === null || to === null) return setError('Enter both times.');
    if (from >= to) return setError('The start must be before the end.');
    if (to - from > MAX_RANGE_MS) return setError(`A range can span at most ${MAX_RANGE_DAYS} days.`);
    setError(null);
    update({ period: 'custom', from, to });
  }

  return (
    <div className="flex flex-col gap-2">
      <div
        role="group"
        aria-label="Period"
        className="inline-flex w-fit rounded-md border border-border bg-surface p-0.5"
      >
        {[...PERIODS, 'custom' as const].map((p) => {
          const active = p === 'custom' ? customOpen : !customOpen && state.period === p;
          return (
            <button
              key={p}
              type="button"
              aria-pressed={active}
              title={PERIOD_LABELS[p]}
              onClick={() => choose(p)}
              className={`rounded px-2.5 py-1 text-sm font-medium transition ${
                active ? 'bg-accent text-accent-fg' : 'text-fg-muted hover:bg-surface-muted hover:text-fg'
              }`}
            >
              {SHORT[p]}
            </button>
          );
        })}
      </div>
      {customOpen && inBrowser && (
        <form
          key={`${state.from}-${state.to}-${zone}`}
          onSubmit={apply}
          aria-label="Custom period"
          className="flex flex-wrap items-end gap-2"
        >
          <label className="flex flex-col gap-1 text-xs text-fg-muted">
            From
            <input
              type="datetime-local"
              name="from"
              required
              defaultValue={toZonedInput(state.from ?? now - 86_400_000, zone)}
              className="rounded-md border border-border bg-surface px-2 py-1 text-sm text-fg"
            />
          </label>
          <label className="flex flex-col gap-1 text-xs text-fg-muted">
            To
            <input
              type="datetime-local"
              name="to"
              required
              defaultValue={toZonedInput(state.to ?? now, zone)}
              className="rounded-md border border-border bg-surface px-2 py-1 text-sm text-fg"
            />
          </label>
          <button
            type="submit"
            className="rounded-md border border-border bg-surface px-3 py-1.5 text-sm font-medium text-fg hover:bg-surface-muted"
          >
            Apply
          </button>
          <p className="w-full text-xs text-fg-muted" data-testid="custom-zone">
            Times in {zone === UTC ? 'UTC' : `${zone.replaceAll('_', ' ')} (${zoneLabel(state.from ?? now, zone)})`}
          </p>
          {error && (
            <p role="alert" className="w-full text-xs text-poor">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
