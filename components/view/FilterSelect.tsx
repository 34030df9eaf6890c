'use client';

/** A view's filter: one of the values the data offers, or all. */
export function FilterSelect<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T | null;
  options: readonly T[];
  onChange: (value: T | null) => void;
}) {
  // A value from the URL that the project does not have stays listed, so the control shows it.
  const all = value && !options.includes(value) ? [value, ...options] : options;
  return (
    <label className="flex min-w-0 items-center gap-2 text-sm text-fg">
      <span className="text-fg-muted">{label}</span>
      <select
        value={value ?? ''}
        // The choices are the options above (or "All").
        onChange={(e) => onChange((e.target.value || null) as T | null)}
        className="min-w-0 max-w-[12rem] rounded-md border border-border bg-surface px-2 py-1.5 text-sm text-fg"
      >
        <option value="">All</option>
        {all.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}
