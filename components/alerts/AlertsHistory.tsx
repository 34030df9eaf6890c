'use client';

import { Card } from '@/components/ui/Card';
import { useAlertHistory, useAlertRules, type AlertEvent } from '@/lib/hooks/useAlerts';
import { EvidenceLink } from './EvidenceLink';
import { value } from './format';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import { formatIso } from '@/lib/format/time';

/**
 * The span of the alert an event belongs to: a firing event to the resolution that followed it
 * (none yet: still firing), a resolution from the firing before it (an hour before, when that
 * is older than the list).
 */
function spanOf(e: AlertEvent, all: readonly AlertEvent[]): { from: number; to: number | null } {
  const at = Date.parse(e.at);
  const same = all.filter((x) => x.ruleId === e.ruleId).map((x) => ({ kind: x.kind, at: Date.parse(x.at) }));
  if (e.kind === 'firing') {
    const end = same.filter((x) => x.kind === 'resolved' && x.at > at).sort((a, b) => a.at - b.at)[0];
    return { from: at, to: end?.at ?? null };
  }
  const start = same.filter((x) => x.kind === 'firing' && x.at < at).sort((a, b) => b.at - a.at)[0];
  return { from: start?.at ?? at - 3_600_000, to: at };
}

/** The latest state changes of the project's rules, newest first. */
export function AlertsHistory({ projectId, projectSlug }: { projectId: string; projectSlug: string }) {
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
              {rule && (e.kind === 'firing' || e.kind === 'resolved') && (
                <>
                  {' · '}
                  <EvidenceLink rule={rule} projectSlug={projectSlug} {...spanOf(e, events.data ?? [])} />
                </>
              )}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
