'use client';

import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';

export type SortDirection = 'ascending' | 'descending';

/**
 * A column header that sorts its table: a button (so it takes focus and Enter), `aria-sort` on
 * the header cell saying the order, and an arrow showing it.
 */
export function SortableHeader({
  label,
  hint,
  active,
  direction,
  className,
  onSort,
}: {
  label: string;
  hint?: string;
  /** The table is sorted by this column. */
  active: boolean;
  direction: SortDirection;
  className: string;
  onSort: () => void;
}) {
  const Icon = !active ? ArrowUpDown : direction === 'ascending' ? ArrowUp : ArrowDown;
  return (
    <th scope="col" aria-sort={active ? direction : 'none'} className={className}>
      <button
        type="button"
        onClick={onSort}
        title={hint}
        className={`inline-flex items-center gap-1 rounded px-1 py-0.5 hover:text-fg ${active ? 'text-fg' : ''}`}
      >
        {label}
        <Icon className="h-3 w-3" aria-hidden />
      </button>
    </th>
  );
}

/** One SortableHeader per column, for a table sorted by `sort`. */
export function SortableHeaders<Id extends string>({
  columns,
  sort,
  onSort,
  className,
}: {
  columns: readonly { id: Id; label: string; hint?: string; numeric: boolean }[];
  sort: { column: Id; direction: SortDirection };
  onSort: (column: Id) => void;
  /** The header cell's classes for a numeric column or not. */
  className: (numeric: boolean) => string;
}) {
  return columns.map((c) => (
    <SortableHeader
      key={c.id}
      label={c.label}
      hint={c.hint}
      active={sort.column === c.id}
      direction={sort.direction}
      className={`${className(c.numeric)} font-medium`}
      onSort={() => onSort(c.id)}
    />
  ));
}
