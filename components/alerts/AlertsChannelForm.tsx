'use client';

import { useState } from 'react';
import { Button, Field, FormError, Input, Select } from '@/components/ui/Form';
import { formErrors } from '@/lib/form-errors';
import { useCreateChannel } from '@/lib/hooks/useAlerts';

type ChannelType = 'slack' | 'webhook' | 'email' | 'pagerduty';

const TARGET_LABEL: Record<ChannelType, string> = {
  slack: 'Webhook URL',
  webhook: 'Webhook URL',
  email: 'Recipients (comma-separated)',
  pagerduty: 'Routing key',
};

/** The body of a new channel: one field holds the URL, the recipients or the routing key. */
function bodyOf(type: ChannelType, name: string, target: string) {
  if (type === 'email') {
    const to = target
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return { type, name, to };
  }
  return type === 'pagerduty' ? { type, name, routingKey: target.trim() } : { type, name, url: target.trim() };
}

/** Adds a Slack, webhook, email or PagerDuty channel; its secret is never shown again. */
export function AlertsChannelForm({ projectId }: { projectId: string }) {
  const create = useCreateChannel(projectId);
  const [type, setType] = useState<ChannelType>('slack');
  const [name, setName] = useState('');
  const [target, setTarget] = useState('');
  const errors = formErrors(create.error, {
    type: 'Type',
    name: 'Channel name',
    url: TARGET_LABEL[type],
    routingKey: TARGET_LABEL[type],
    to: { label: TARGET_LABEL[type], empty: 'Enter at least one recipient' },
  });
  const targetError = errors.fields.url ?? errors.fields.routingKey ?? errors.fields.to;
  return (
    <form
      aria-label="New channel"
      className="mb-4 grid gap-3 sm:grid-cols-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(bodyOf(type, name, target), {
          onSuccess: () => {
            setName('');
            setTarget('');
          },
        });
      }}
    >
      <Field label="Type" error={errors.fields.type}>
        <Select value={type} onChange={(e) => setType(e.target.value as ChannelType)}>
          <option value="slack">Slack</option>
          <option value="webhook">Webhook</option>
          <option value="email">Email</option>
          <option value="pagerduty">PagerDuty</option>
        </Select>
      </Field>
      <Field label="Channel name" error={errors.fields.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
      </Field>
      <div className="sm:col-span-2">
        <Field label={TARGET_LABEL[type]} error={targetError}>
          <Input value={target} onChange={(e) => setTarget(e.target.value)} required autoComplete="off" />
        </Field>
      </div>
      <div className="space-y-3 sm:col-span-2">
        <FormError messages={errors.summary} />
        <Button type="submit" disabled={create.isPending}>
          Add channel
        </Button>
      </div>
    </form>
  );
}
