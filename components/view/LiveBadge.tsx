'use client';

import { useLiveUpdates, type LiveStatus } from '@/lib/hooks/useLiveUpdates';

const LOOK: Record<LiveStatus, { label: string; dot: string; text: string }> = {
  live: { label: 'Live', dot: 'bg-good animate-pulse', text: 'text-good' },
  connecting: { label: 'Connecting…', dot: 'bg-fg-muted', text: 'text-fg-muted' },
  reconnecting: { label: 'Reconnecting…', dot: 'bg-warn', text: 'text-warn' },
};

/** Keeps the project's views live and says whether they are (in words; the dot only repeats it). */
export function LiveBadge({ project }: { project: string }) {
  const status = useLiveUpdates(project);
  const look = LOOK[status];
  return (
    <span
      role="status"
      aria-live="polite"
      data-live={status}
      title={
        status === 'live' ? 'New data appears as it arrives' : 'Live updates are paused until the connection is back'
      }
      className={`inline-flex items-center gap-1.5 rounded-full border border-border px-2.5 py-1 text-xs font-medium ${look.text}`}
    >
      <span aria-hidden="true" className={`h-2 w-2 rounded-full ${look.dot}`} />
      {look.label}
    </span>
  );
}
