'use client';

import { useViewState } from './useViewState';

/** Compare with the period of the same length just before (`compare=1` in the URL). */
export function CompareToggle() {
  const { state, update } = useViewState();
  return (
    <label className="inline-flex cursor-pointer items-center gap-2 text-sm text-fg">
      <input
        type="checkbox"
        checked={state.compare}
        onChange={(e) => update({ compare: e.target.checked })}
        className="h-4 w-4 accent-[var(--accent)]"
      />
      Compare with previous period
    </label>
  );
}
