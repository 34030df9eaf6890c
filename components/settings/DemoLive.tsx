'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '@/lib/api-client';
import { ActionButton } from '../ui/ActionButton';
import { Badge } from '../ui/Badge';
import { Card } from '../ui/Card';
import { FormError } from '../ui/Form';

/** The demo shop's live traffic (the `demo-live` job): shown while the demo project exists, switched by admins. */
export function DemoLive({ enabled: initial }: { enabled: boolean }) {
  const [enabled, setEnabled] = useState(initial);
  const change = useMutation({
    mutationFn: async (next: boolean) =>
      (await api<{ enabled: boolean }>('/api/v1/demo/live', { method: 'PUT', body: { enabled: next } })).enabled,
    onSuccess: setEnabled,
  });
  return (
    <Card title="Demo shop, live" className="max-w-xl">
      <div className="space-y-3">
        <p className="text-sm text-fg-muted">
          While the Demo shop project exists, a minute of its traffic (requests, page loads, vitals, gauges) is written
          every minute, so its views stay live. Deleting the project stops it too.
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <span data-testid="demo-live-state">
            <Badge tone={enabled ? 'good' : 'neutral'}>{enabled ? 'On' : 'Off'}</Badge>
          </span>
          <ActionButton permission="demo:load" onClick={() => change.mutate(!enabled)} disabled={change.isPending}>
            {enabled ? 'Turn off' : 'Turn on'}
          </ActionButton>
        </div>
        <FormError message={change.error && `Could not change it: ${change.error.message}`} />
      </div>
    </Card>
  );
}
