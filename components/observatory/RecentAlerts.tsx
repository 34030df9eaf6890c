import { BellOff } from 'lucide-react';
import { Badge, type Tone } from '../ui/Badge';
import { EvidenceLink } from '../alerts/EvidenceLink';
import { Card } from '../ui/Card';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import { formatDateTime } from '@/lib/format/time';

export type AlertSeverity = 'critical' | 'high' | 'medium' | 'low';

/** What the panel needs of an alert; alerting fills it in once it exists. */
export type RecentAlert = {
  id: string;
  severity: AlertSeverity;
  title: string;
  startedAt: number;
  /** Null while firing. */
  resolvedAt: number | null;
  /** What it watches, for the link to its evidence. */
  rule?: { metric: string; filters: Record<string, string> };
};

const TONE: Record<AlertSeverity, Tone> = { critical: 'poor', high: 'poor', medium: 'warn', low: 'neutral' };

/**
 * The latest alerts, firing first. `alerts` is null while no alerting is configured: the panel
 * says so rather than showing an empty list as if all were well.
 */
export function RecentAlerts({ alerts, projectSlug }: { alerts: readonly RecentAlert[] | null; projectSlug: string }) {
  const zone = useTimeZone();
  return (
    <Card title="Recent alerts">
      {alerts === null ? (
        <p className="flex items-start gap-2 text-sm text-fg-muted" data-testid="alerts-not-configured">
          <BellOff className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
          Alerting is not configured yet: no rules are evaluated, so no alert can fire.
        </p>
      ) : alerts.length === 0 ? (
        <p className="text-sm text-fg-muted">No alerts in this period.</p>
      ) : (
        <ul className="divide-y divide-border text-sm">
          {[...alerts]
            .sort((a, b) => Number(a.resolvedAt !== null) - Number(b.resolvedAt !== null) || b.startedAt - a.startedAt)
            .map((a) => (
              <li key={a.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                <Badge tone={TONE[a.severity]}>{a.severity}</Badge>
                <span className="min-w-0 flex-1 break-words text-fg">{a.title}</span>
                <span className="text-xs text-fg-muted">
                  {a.resolvedAt === null ? 'firing since' : 'resolved'}{' '}
                  {formatDateTime(a.resolvedAt ?? a.startedAt, zone)}
                </span>
                {a.rule && (
                  <span className="basis-full">
                    <EvidenceLink rule={a.rule} projectSlug={projectSlug} from={a.startedAt} to={a.resolvedAt} />
                  </span>
                )}
              </li>
            ))}
        </ul>
      )}
    </Card>
  );
}
