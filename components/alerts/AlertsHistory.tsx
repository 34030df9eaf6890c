'use client';

import { Card } from '@/components/ui/Card';
import { useAlertHistory, useAlertRules } from '@/lib/hooks/useAlerts';
import { value } from './format';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import { formatIso } from '@/lib/format/time';

/** The latest state changes of the project's rules, newest first. */
export function AlertsHistory({ projectId }: { projectId: string }) {
  const events = useAlertHistory(projectId);
  const zone = useTimeZone();
  const rules = useAlertRules(projectId);
  const byId = new Map((rules.data ?? []).map((r) => [r.id, r]));
  return (
    <Card title="History">
      {events.data?.length === 0 && <p className="text-sm text-fg-muted">No alert has changed state yet.</p>}
      <ul className="space-y-1 text-sm">
        {(events.data ?? []).map((e) => {
          const rule = byId.get(e.ruleId);
          return (
            <li key={e.id} className="break-words text-fg-muted">
              {formatIso(e.at, zone)} · <span className="text-fg">{rule?.name ?? 'a deleted rule'}</span> · {e.kind}
              {e.value !== null && ` · ${rule ? value(e.value, rule) : e.value}`}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
