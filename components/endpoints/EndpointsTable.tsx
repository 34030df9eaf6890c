'use client';

import { AlertTriangle } from 'lucide-react';
import Link from 'next/link';
import { Sparkline } from '@/components/charts/Sparkline';
import type { EndpointRow, Endpoints } from '@/lib/queries/endpoints';
import { formatCount, formatMs, formatPercent, formatRate, formatSpent, HIGH_ERROR_RATE } from '@/lib/format/numbers';
import { SortableHeaders } from '@/components/ui/SortableHeader';
import { Delta, samplesOf } from './Delta';
import { naturalDirection, sortEndpoints, type Sort, type SortColumn } from './sort';

/** Rows drawn at most; the rest are one sort or filter away. */
export const MAX_ROWS = 300;

const COLUMNS: { id: SortColumn; label: string; numeric: boolean; hint?: string }[] = [
  { id: 'route', label: 'Route', numeric: false },
  {
    id: 'time',
    label: 'Time spent',
    numeric: true,
    hint: 'Requests × their mean duration, and its share of all routes: where the servers’ time goes',
  },
  { id: 'requests', label: 'Requests', numeric: true },
  { id: 'rate', label: 'Req/s', numeric: true, hint: 'Requests per second over the period' },
  { id: 'errorRate', label: 'Errors', numeric: true, hint: 'Share of requests answered with a 5xx status' },
  { id: 'p50', label: 'p50', numeric: true },
  { id: 'p95', label: 'p95', numeric: true },
  { id: 'p99', label: 'p99', numeric: true },
  { id: 'max', label: 'Max', numeric: true },
];

function ErrorRate({ row }: { row: EndpointRow }) {
  const high = row.errorRate !== null && row.errorRate >= HIGH_ERROR_RATE;
  return (
    <span
      className={`inline-flex items-center gap-1 ${high ? 'font-medium text-poor' : ''}`}
      title={`${formatCount(row.errors)} of ${formatCount(row.requests)} requests answered 5xx`}
    >
      {high && <AlertTriangle className="h-3.5 w-3.5" aria-hidden />}
      {formatPercent(row.errorRate)}
      {high && <span className="sr-only"> (high)</span>}
    </span>
  );
}

export function EndpointsTable({
  data,
  hrefFor,
  sort,
  onSort,
  show = data.endpoints,
}: {
  data: Endpoints;
  /** The rows to draw (the search's); shares of time are of all of them. */
  show?: readonly EndpointRow[];
  hrefFor: (row: EndpointRow) => string;
  /** The order (the URL's `sort`; most time spent first without one). */
  sort: Sort;
  onSort: (sort: Sort) => void;
}) {
  const sorted = sortEndpoints(show, sort);
  // A project may have thousands of routes: the table draws the first ones in the chosen order.
  const rows = sorted.slice(0, MAX_ROWS);
  const comparing = data.previousRange !== null;
  const totalTime = data.endpoints.reduce((n, e) => n + e.time, 0);

  function toggle(column: SortColumn) {
    onSort(
      sort.column === column
        ? { column, direction: sort.direction === 'ascending' ? 'descending' : 'ascending' }
        : { column, direction: naturalDirection(column) },
    );
  }

  const cell = (numeric: boolean) =>
    `px-3 py-2.5 ${numeric ? 'whitespace-nowrap text-right tabular-nums' : 'text-left'}`;
  return (
    <div
      className="relative max-w-full overflow-x-auto rounded-xl border border-border bg-surface"
      tabIndex={0}
      role="region"
      aria-label="Routes"
    >
      <table
        className="w-full min-w-[62rem] border-collapse text-sm"
        data-from={data.range.from}
        data-to={data.range.to}
      >
        <caption className="sr-only">
          Routes with requests, sortable by each column
          {comparing ? ', with the change from the previous period' : ''}
        </caption>
        <thead className="border-b border-border bg-surface-muted/60 text-xs text-fg-muted">
          <tr>
            <SortableHeaders columns={COLUMNS} sort={sort} onSort={toggle} className={cell} />
            <th scope="col" className={`${cell(false)} font-medium`}>
              p95 trend
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={`${row.service} ${row.method} ${row.route}`}
              className="border-b border-border last:border-0 hover:bg-surface-muted/40"
              data-route={row.route}
              data-method={row.method}
              data-service={row.service}
            >
              <td className={`${cell(false)} max-w-[22rem]`}>
                <Link href={hrefFor(row)} className="group block min-w-0">
                  <span className="flex items-center gap-2">
                    <span className="shrink-0 rounded bg-surface-muted px-1.5 py-0.5 font-mono text-[11px] font-semibold text-fg-muted">
                      {row.method}
                    </span>
                    <span className="truncate font-mono text-[13px] text-accent group-hover:underline">
                      {row.route}
                    </span>
                  </span>
                  <span className="mt-0.5 block truncate text-xs text-fg-muted">{row.service}</span>
                </Link>
              </td>
              <td className={cell(true)} data-column="time">
                {formatSpent(row.time)}
                <span className="block text-xs text-fg-muted">
                  {totalTime > 0 ? formatPercent(row.time / totalTime) : '–'}
                  <span className="sr-only"> of all time spent</span>
                </span>
              </td>
              <td className={cell(true)} data-column="requests">
                {formatCount(row.requests)}
                {row.previous && (
                  <Delta
                    now={row.requests}
                    before={row.previous.requests || null}
                    higherIsWorse={false}
                    samples={samplesOf(row)}
                  />
                )}
              </td>
              <td className={cell(true)} data-column="rate">
                {formatRate(row.rate)}
              </td>
              <td className={cell(true)} data-column="errorRate">
                <ErrorRate row={row} />
                {row.previous && <Delta now={row.errorRate} before={row.previous.errorRate} samples={samplesOf(row)} />}
              </td>
              <td className={cell(true)} data-column="p50">
                {formatMs(row.p50)}
              </td>
              <td className={cell(true)} data-column="p95">
                {formatMs(row.p95)}
                {row.previous && <Delta now={row.p95} before={row.previous.p95} samples={samplesOf(row)} />}
              </td>
              <td className={cell(true)} data-column="p99">
                {formatMs(row.p99)}
              </td>
              <td className={cell(true)} data-column="max">
                {formatMs(row.max)}
              </td>
              <td className={cell(false)}>
                <Sparkline
                  values={row.trend.p95}
                  label={`p95 over the period for ${row.method} ${row.route}: from ${formatMs(
                    Math.min(...row.trend.p95.filter((v): v is number => v !== null)),
                  )} to ${formatMs(Math.max(...row.trend.p95.filter((v): v is number => v !== null)))}`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sorted.length > rows.length && (
        <p className="border-t border-border px-3 py-2 text-xs text-fg-muted">
          Showing the first {rows.length} of {formatCount(sorted.length)} routes in this order; search, sort or filter
          by service and method to see others.
        </p>
      )}
    </div>
  );
}
