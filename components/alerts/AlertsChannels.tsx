'use client';

import { useState } from 'react';
import { ActionButton } from '@/components/ui/ActionButton';
import { Badge } from '@/components/ui/Badge';
import { Card } from '@/components/ui/Card';
import { Button, FormError } from '@/components/ui/Form';
import { errorText } from '@/lib/form-errors';
import { useCan } from '@/lib/hooks/useCan';
import {
  useAlertChannels,
  useDeleteChannel,
  useDeliveries,
  useTestChannel,
  type AlertChannel,
} from '@/lib/hooks/useAlerts';
import { AlertsChannelForm } from './AlertsChannelForm';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import { formatIso } from '@/lib/format/time';

function Deliveries({ projectId, channel }: { projectId: string; channel: AlertChannel }) {
  const deliveries = useDeliveries(projectId, channel.id);
  const zone = useTimeZone();
  return (
    <ul aria-label={`Deliveries of ${channel.name}`} className="mt-2 space-y-1 text-xs text-fg-muted">
      {deliveries.isPending && <li>Loading…</li>}
      {deliveries.data?.length === 0 && <li>No notifications yet.</li>}
      {(deliveries.data ?? []).map((dl) => (
        <li key={dl.id}>
          {formatIso(dl.createdAt, zone)} · {dl.kind} ·{' '}
          <Badge tone={dl.status === 'sent' ? 'good' : dl.status === 'failed' ? 'poor' : 'warn'}>{dl.status}</Badge> ·{' '}
          {dl.attempts} attempt{dl.attempts === 1 ? '' : 's'}
          {dl.lastError && ` · ${dl.lastError}`}
        </li>
      ))}
    </ul>
  );
}

/** Where notifications go, with a test send and each channel's delivery log. */
export function AlertsChannels({ projectId }: { projectId: string }) {
  const channels = useAlertChannels(projectId);
  const remove = useDeleteChannel(projectId);
  const test = useTestChannel(projectId);
  const canManage = useCan('rules:manage');
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Card title="Channels">
      {canManage && <AlertsChannelForm projectId={projectId} />}
      <FormError message={channels.error?.message} messages={[errorText(test.error), errorText(remove.error)]} />
      {test.data && (
        <p role="status" className="mb-3 text-sm text-fg">
          Test notification {test.data.delivery.status} after {test.data.delivery.attempts} attempt
          {test.data.delivery.attempts === 1 ? '' : 's'}
          {test.data.delivery.lastError && `: ${test.data.delivery.lastError}`}
        </p>
      )}
      {channels.data?.length === 0 && <p className="text-sm text-fg-muted">No channels yet.</p>}
      <ul className="divide-y divide-border">
        {(channels.data ?? []).map((c) => (
          <li key={c.id} className="py-3">
            <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0 text-sm">
                <p className="font-medium break-words text-fg">
                  {c.name} <Badge>{c.type}</Badge>
                </p>
                <p className="text-xs break-all text-fg-muted">{c.to ? c.to.join(', ') : c.secretHint}</p>
              </div>
              <div className="flex flex-wrap gap-2">
                <ActionButton
                  permission="rules:manage"
                  variant="secondary"
                  disabled={test.isPending}
                  onClick={() => test.mutate(c.id)}
                >
                  Send test
                </ActionButton>
                <Button variant="secondary" onClick={() => setOpen(open === c.id ? null : c.id)}>
                  {open === c.id ? 'Hide log' : 'Delivery log'}
                </Button>
                <ActionButton
                  permission="rules:manage"
                  variant="danger"
                  aria-label={`Delete channel ${c.name}`}
                  onClick={() => remove.mutate(c.id)}
                >
                  Delete
                </ActionButton>
              </div>
            </div>
            {open === c.id && <Deliveries projectId={projectId} channel={c} />}
          </li>
        ))}
      </ul>
    </Card>
  );
}
