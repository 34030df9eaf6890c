'use client';

import { useState } from 'react';
import type { WebVital } from '@/lib/metrics';
import type { VitalBreakdownRow } from '@/lib/queries/web-vitals';
import { formatCount } from '@/lib/format/numbers';
import { formatVital } from '@/lib/format/vitals';
import { SortableHeaders } from '@/components/ui/SortableHeader';
import { Rating } from './Rating';

const VITAL_COLUMNS: WebVital[] = ['LCP', 'INP', 'CLS', 'FCP', 'TTFB'];
export type BreakdownColumn = 'key' | 'samples' | 'score' | WebVital;
export type BreakdownSort = { column: BreakdownColumn; direction: 'ascending' | 'descending' };

/**
 * Rows in the chosen order; rows without a value last either way; ties as the query ranks
 * them (more samples first, then by key), so the default order is the API's.
 */
export function sortBreakdown(rows: readonly VitalBreakdownRow[], { column, direction }: BreakdownSort) {
  const sign = direction === 'ascending' ? 1 : -1;
  const tie = (a: VitalBreakdownRow, b: VitalBreakdownRow) => b.samples - a.samples || a.key.localeCompare(b.key);
  const valueOf = (r: VitalBreakdownRow): number | null =>
    column === 'samples' ? r.samples : column === 'score' ? r.score : r.vitals[column as WebVital].value;
  return [...rows].sort((a, b) => {
    if (column === 'key') return sign * a.key.localeCompare(b.key);
    const x = valueOf(a);
    const y = valueOf(b);
    if (x === null || y === null) return x === y ? tie(a, b) : x === null ? 1 : -1;
    return sign * (x - y) || tie(a, b);
  });
}

/**
 * Vitals per page route or device at the chosen percentile, sortable by each column with the
 * header buttons (aria-sort says the order). Ratings are an icon plus hidden words per cell.
 */
export function BreakdownTable({
  rows,
  keyLabel,
  caption,
  percentile,
  initial,
  name,
}: {
  rows: readonly VitalBreakdownRow[];
  keyLabel: string;
  caption: string;
  percentile: string;
  initial: BreakdownSort;
  /** Names the table for tests and assistive technology. */
  name: string;
}) {
  const [sort, setSort] = useState<BreakdownSort>(initial);
  const sorted = sortBreakdown(rows, sort);
  const columns: { id: BreakdownColumn; label: string; numeric: boolean; hint?: string }[] = [
    { id: 'key', label: keyLabel, numeric: false },
    { id: 'samples', label: 'Samples', numeric: true, hint: 'Page loads that reported vitals' },
    {
      id: 'score',
      label: 'Score',
      numeric: true,
      hint: 'Performance score 0-100 (LCP 30, INP 30, CLS 15, FCP 15, TTFB 10)',
    },
    ...VITAL_COLUMNS.map((v) => ({ id: v, label: v, numeric: true, hint: `${v} at ${percentile}` })),
  ];

  function toggle(column: BreakdownColumn) {
    setSort((s) =>
      s.column === column
        ? { column, direction: s.direction === 'ascending' ? 'descending' : 'ascending' }
        : { column, direction: column === 'key' || column === 'score' ? 'ascending' : 'descending' },
    );
  }

  const cell = (numeric: boolean) => `px-3 py-2 ${numeric ? 'text-right tabular-nums' : 'text-left'}`;
  return (
    <div className="relative max-w-full overflow-x-auto" tabIndex={-1}>
      <table className="w-full min-w-[44rem] border-collapse text-sm" aria-label={name} data-table={name}>
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-border text-xs text-fg-muted">
          <tr>
            <SortableHeaders columns={columns} sort={sort} onSort={toggle} className={cell} />
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.key} className="border-b border-border last:border-0" data-key={row.key}>
              <th
                scope="row"
                className={`${cell(false)} max-w-[16rem] truncate font-mono text-[13px] font-normal text-fg`}
              >
                {row.key}
              </th>
              <td className={cell(true)} data-column="samples">
                {formatCount(row.samples)}
              </td>
              <td className={cell(true)} data-column="score">
                {row.score ?? '–'}
              </td>
              {VITAL_COLUMNS.map((v) => (
                <td key={v} className={cell(true)} data-column={v}>
                  <span className="inline-flex items-center justify-end gap-1.5">
                    <span data-value>{formatVital(v, row.vitals[v].value)}</span>
                    {row.vitals[v].rating && <Rating rating={row.vitals[v].rating} compact />}
                  </span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
