'use client';

import Link from 'next/link';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import { formatDateTime } from '@/lib/format/time';
import { formatMs } from '@/lib/format/numbers';
import type { RequestRow } from '@/lib/queries/requests';
import { requestHref } from '@/lib/views/request';

/** Kept requests of one route (slowest, or latest failed); each row opens the request's page. */
export function RequestTable({
  rows,
  projectSlug,
  caption,
  testId,
}: {
  rows: readonly RequestRow[];
  projectSlug: string;
  caption: string;
  testId: string;
}) {
  const zone = useTimeZone();
  return (
    <div className="relative max-w-full overflow-x-auto">
      <table className="w-full text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="text-xs text-fg-muted">
          <tr>
            <th scope="col" className="py-1 pr-3 text-left font-medium">
              Time
            </th>
            <th scope="col" className="py-1 pr-3 text-left font-medium">
              Path
            </th>
            <th scope="col" className="py-1 pr-3 text-left font-medium">
              Status
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              Duration
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-t border-border">
              <td className="whitespace-nowrap py-1.5 pr-3">
                <Link
                  href={requestHref(projectSlug, r.id)}
                  className="text-accent hover:underline"
                  title={`Request at ${formatDateTime(r.ts, zone, { precise: true })}`}
                >
                  {formatDateTime(r.ts, zone)}
                  {/* Named by what it shows, and told apart from its neighbours by its duration. */}
                  <span className="sr-only">, {formatMs(r.durationMs)}</span>
                </Link>
              </td>
              <td className="max-w-[16rem] truncate py-1.5 pr-3 font-mono text-xs text-fg-muted" title={r.path}>
                {r.path}
              </td>
              <td className={`py-1.5 pr-3 font-mono ${r.status >= 500 ? 'text-poor' : ''}`}>{r.status}</td>
              <td className="py-1.5 text-right tabular-nums">{formatMs(r.durationMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
