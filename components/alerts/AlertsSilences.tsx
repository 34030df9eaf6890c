'use client';

import { useState } from 'react';
import { ActionButton } from '@/components/ui/ActionButton';
import { Badge } from '@/components/ui/Badge';
import { Card } from '@/components/ui/Card';
import { FormError } from '@/components/ui/Form';
import { errorText } from '@/lib/form-errors';
import { useAlertRules, useExpireSilence, useSilences } from '@/lib/hooks/useAlerts';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import { formatIso } from '@/lib/format/time';
import { AlertsSilenceForm } from './AlertsSilenceForm';

/** Silences hold notifications back until they end; one can be made here, and an active one ended early. */
export function AlertsSilences({ projectId }: { projectId: string }) {
  const silences = useSilences(projectId);
  const zone = useTimeZone();
  const rules = useAlertRules(projectId);
  const expire = useExpireSilence(projectId);
  const names = new Map((rules.data ?? []).map((r) => [r.id, r.name]));
  // Judged at the time the list was fetched (a render must not read the clock).
  const now = silences.dataUpdatedAt;
  const [creating, setCreating] = useState(false);
  return (
    <Card
      title="Silences"
      action={
        <ActionButton permission="rules:manage" variant="secondary" onClick={() => setCreating(true)}>
          New silence
        </ActionButton>
      }
    >
      {creating && <AlertsSilenceForm projectId={projectId} onDone={() => setCreating(false)} />}
      <FormError message={silences.error?.message} messages={[errorText(expire.error)]} />
      {silences.data?.length === 0 && <p className="text-sm text-fg-muted">No silences.</p>}
      <ul className="divide-y divide-border">
        {(silences.data ?? []).map((s) => {
          const active = new Date(s.endsAt).getTime() > now && new Date(s.startsAt).getTime() <= now;
          return (
            <li key={s.id} className="flex flex-col gap-2 py-3 text-sm sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="break-words text-fg">
                  <Badge tone={active ? 'accent' : 'neutral'}>{active ? 'active' : 'ended'}</Badge>{' '}
                  {s.ruleId
                    ? (names.get(s.ruleId) ?? 'a deleted rule')
                    : s.matchers.map((m) => `${m.name}=${m.value}`).join(', ')}
                </p>
                <p className="text-xs break-words text-fg-muted">
                  until {formatIso(s.endsAt, zone)}
                  {s.comment && ` · ${s.comment}`}
                </p>
              </div>
              {active && (
                <ActionButton permission="rules:manage" variant="secondary" onClick={() => expire.mutate(s.id)}>
                  End now
                </ActionButton>
              )}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
