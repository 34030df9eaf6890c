'use client';

import { Badge } from '@/components/ui/Badge';
import { ActionButton } from '@/components/ui/ActionButton';
import { Card } from '@/components/ui/Card';
import { FormError } from '@/components/ui/Form';
import { useAlertRules, useCreateSilence, useRuleAction } from '@/lib/hooks/useAlerts';
import { errorText } from '@/lib/form-errors';
import { EvidenceLink } from './EvidenceLink';
import { condition, SEVERITY_TONE, STATE_TONE, value } from './format';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import { formatIso } from '@/lib/format/time';

const SILENCE_MS = 3_600_000;

/** Alerts firing or pending now, with what a person on call does about them. */
export function AlertsActive({ projectId, projectSlug }: { projectId: string; projectSlug: string }) {
  const rules = useAlertRules(projectId);
  const zone = useTimeZone();
  const action = useRuleAction(projectId);
  const silence = useCreateSilence(projectId);
  const active = (rules.data ?? []).filter((r) => r.enabled && r.state !== 'inactive');
  return (
    <Card title="Firing and pending">
      <FormError message={rules.error?.message} messages={[errorText(action.error), errorText(silence.error)]} />
      {active.length === 0 ? (
        <p className="text-sm text-fg-muted">{rules.isPending ? 'Loading…' : 'Nothing is firing or pending.'}</p>
      ) : (
        <ul className="divide-y divide-border">
          {active.map((r) => (
            <li key={r.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-fg">
                  <Badge tone={STATE_TONE[r.state]}>{r.state}</Badge>
                  <Badge tone={SEVERITY_TONE[r.severity]}>{r.severity}</Badge>
                  <span className="break-words">{r.name}</span>
                </p>
                <p className="mt-1 text-xs break-words text-fg-muted">
                  {condition(r)} · value {value(r.lastValue, r)} · since{' '}
                  {formatIso(r.firingSince ?? r.pendingSince, zone)}
                  {r.acknowledgedAt && ` · acknowledged by ${r.acknowledgedBy ?? 'someone'}`}
                </p>
                <EvidenceLink
                  rule={r}
                  projectSlug={projectSlug}
                  from={Date.parse((r.firingSince ?? r.pendingSince)!)}
                  to={null}
                />
              </div>
              <div className="flex shrink-0 flex-wrap gap-2">
                {r.state === 'firing' && !r.acknowledgedAt && (
                  <ActionButton
                    permission="rules:manage"
                    variant="secondary"
                    onClick={() => action.mutate({ id: r.id, action: 'acknowledge' })}
                  >
                    Acknowledge
                  </ActionButton>
                )}
                <ActionButton
                  permission="rules:manage"
                  variant="secondary"
                  onClick={() => action.mutate({ id: r.id, action: 'resolve' })}
                >
                  Resolve
                </ActionButton>
                <ActionButton
                  permission="rules:manage"
                  variant="secondary"
                  onClick={() =>
                    silence.mutate({
                      ruleId: r.id,
                      endsAt: new Date(Date.now() + SILENCE_MS).toISOString(),
                      comment: 'silenced from the alerts page',
                    })
                  }
                >
                  Silence 1 h
                </ActionButton>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
