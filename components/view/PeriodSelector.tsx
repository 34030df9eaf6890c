'use client';

import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { MAX_RANGE_DAYS, MAX_RANGE_MS, PERIOD_LABELS, PERIODS, type Period } from '@/lib/views';
import { useViewState } from './useViewState';

const noSubscription = () => () => {};

const SHORT: Record<Period, string> = { '1h': '1h', '24h': '24h', '7d': '7d', '30d': '30d', custom: 'Custom' };

/** A `datetime-local` value (the browser's time zone) for a time in ms. */
function localInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/** 1h, 24h, 7d, 30d or a custom from/to, kept in the URL (`period`, `from`, `to`). */
export function PeriodSelector() {
  const { state, update } = useViewState();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The opening time of the form's defaults; the inputs show local time, which only the browser knows.
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
    const from = new Date(String(data.get('from'))).getTime();
    const to = new Date(String(data.get('to'))).getTime();
    if (!Number.isFinite(from) || !Number.isFinite(to)) return setError('Enter both times.');
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
          key={`${state.from}-${state.to}`}
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
              defaultValue={localInput(state.from ?? now - 86_400_000)}
              className="rounded-md border border-border bg-surface px-2 py-1 text-sm text-fg"
            />
          </label>
          <label className="flex flex-col gap-1 text-xs text-fg-muted">
            To
            <input
              type="datetime-local"
              name="to"
              required
              defaultValue={localInput(state.to ?? now)}
              className="rounded-md border border-border bg-surface px-2 py-1 text-sm text-fg"
            />
          </label>
          <button
            type="submit"
            className="rounded-md border border-border bg-surface px-3 py-1.5 text-sm font-medium text-fg hover:bg-surface-muted"
          >
            Apply
          </button>
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
