'use client';

import { useBeaconCounts } from '@/lib/hooks/useBeaconCounts';
import type { DropReason } from '@/lib/vitals/counters';

const REASONS: Record<DropReason, string> = {
  bot: 'from bots',
  origin: 'from origins not allowed',
  invalid: 'invalid',
  rate_limited: 'over the rate limit',
};

const number = new Intl.NumberFormat('en');

/** What the tracker's beacons became over the last day: stored, or dropped and why. */
export function ProjectsBeacons({ projectId }: { projectId: string }) {
  const counts = useBeaconCounts(projectId);
  if (counts.isPending) return <p className="text-sm text-fg-muted">Loading beacon counts…</p>;
  if (counts.isError)
    return <p className="text-sm text-fg-muted">Beacon counts are unavailable: {counts.error.message}</p>;
  const { accepted, dropped } = counts.data;
  const reasons = Object.entries(REASONS) as [DropReason, string][];
  return (
    <div role="group" aria-label="Beacons in the last 24 hours" className="space-y-2">
      <p className="text-sm text-fg">
        Last 24 hours: <strong className="font-semibold">{number.format(accepted)}</strong> beacons stored.
      </p>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {reasons.map(([reason, label]) => (
          <div key={reason} className="rounded-md bg-surface-muted px-3 py-2">
            <dt className="text-xs text-fg-muted">Dropped {label}</dt>
            <dd className="font-mono text-sm text-fg">{number.format(dropped[reason])}</dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-fg-muted">
        Counts are written every 10 seconds. Bots get the same answer as browsers; nothing they send is stored.
      </p>
    </div>
  );
}
