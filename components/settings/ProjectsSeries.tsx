'use client';

import { TriangleAlert } from 'lucide-react';
import { useSeriesUsage } from '@/lib/hooks/useSeriesUsage';

const number = new Intl.NumberFormat('en');

/** Series against the project's limit; past it, a warning naming what went to the overflow series. */
export function ProjectsSeries({ projectId }: { projectId: string }) {
  const usage = useSeriesUsage(projectId);
  if (usage.isPending) return <p className="text-sm text-fg-muted">Loading series…</p>;
  if (usage.isError)
    return <p className="text-sm text-fg-muted">Series counts are unavailable: {usage.error.message}</p>;
  const { series, limit, overflow } = usage.data;
  return (
    <div className="space-y-2">
      <p className="text-sm text-fg">
        <strong className="font-semibold">{number.format(series)}</strong> of {number.format(limit)} series in use.
      </p>
      {overflow.points > 0 && (
        <div role="status" className="flex gap-2 rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-sm text-fg">
          <TriangleAlert className="mt-0.5 h-4 w-4 shrink-0 text-warn" aria-hidden />
          <p>
            <strong className="font-semibold">Series limit reached.</strong> In the last 24 hours{' '}
            {number.format(overflow.points)} points of new series went to an “other” series instead (tags{' '}
            <code className="font-mono text-xs">overflow=true</code>) under{' '}
            <span className="break-words">{overflow.metrics.join(', ')}</span>. Fewer distinct tag values (route
            templates instead of raw paths, no ids or user names in tags) bring them back.
          </p>
        </div>
      )}
    </div>
  );
}
