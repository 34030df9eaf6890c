import type { Preview } from '@/lib/hooks/useAlerts';
import { value } from './format';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import { formatDateTime } from '@/lib/format/time';

type Rule = { type: string; metric: string; statistic: string };

const COLOUR = { inactive: 'bg-good/40', pending: 'bg-warn', firing: 'bg-poor' } as const;

/** What a rule would have done over the last 24 hours: one strip cell per 5 minutes, and its firings. */
export function AlertsPreview({ preview, rule }: { preview: Preview; rule: Rule }) {
  const zone = useTimeZone();
  return (
    <div role="group" aria-label="Preview" className="space-y-2">
      <p className="text-sm text-fg">
        {preview.firings.length > 0
          ? `Over the last 24 hours this rule would have fired ${preview.firings.length} time${preview.firings.length === 1 ? '' : 's'}.`
          : preview.points.every((p) => p.value === null)
            ? 'Over the last 24 hours there was no data for this rule, so it would not have fired: check its metric and filters.'
            : 'Over the last 24 hours this rule would not have fired.'}
      </p>
      <div
        className="flex h-6 w-full overflow-hidden rounded"
        role="img"
        aria-label="State every 5 minutes over 24 hours"
      >
        {preview.points.map((p) => (
          <span
            key={p.at}
            className={`h-full flex-1 ${COLOUR[p.state]}`}
            title={`${formatDateTime(p.at, zone)}: ${p.state}, ${value(p.value, rule)}`}
          />
        ))}
      </div>
      <ul className="text-xs text-fg-muted">
        {preview.firings.map((f) => (
          <li key={f.from}>
            Fires {formatDateTime(f.from, zone)}
            {f.to ? `, resolves ${formatDateTime(f.to, zone)}` : ', still firing'}
          </li>
        ))}
      </ul>
    </div>
  );
}
