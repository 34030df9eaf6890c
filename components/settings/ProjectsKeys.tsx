'use client';

import { Plus } from 'lucide-react';
import { useState } from 'react';
import { errorText } from '@/lib/form-errors';
import { useProjectKeys, useRevokeKey, type ApiKey } from '@/lib/hooks/useProjectKeys';
import { ActionButton } from '../ui/ActionButton';
import { Badge } from '../ui/Badge';
import { FormError } from '../ui/Form';
import { ConfirmAction } from './ConfirmDialog';
import { ProjectsKeyForm } from './ProjectsKeyForm';
import { ProjectsSection } from './ProjectsSection';
import { ShownOnce } from './ShownOnce';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import { formatIso } from '@/lib/format/time';

function KeyRow({ projectId, apiKey }: { projectId: string; apiKey: ApiKey }) {
  const revoke = useRevokeKey(projectId);
  const zone = useTimeZone();
  const revoked = apiKey.revokedAt !== null;
  return (
    <li className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between">
      {/* Revoked: said by the badge and struck through, in colours that stay readable. */}
      <div className="min-w-0 space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className={`font-medium break-words text-fg ${revoked ? 'line-through' : ''}`}>{apiKey.name}</span>
          <Badge tone={apiKey.kind === 'admin' ? 'accent' : 'neutral'}>{apiKey.kind}</Badge>
          {revoked && <Badge tone="poor">Revoked</Badge>}
        </div>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-fg-muted">
          <code className="font-mono text-fg">{apiKey.prefix}…</code>
          {apiKey.scopes.length > 0 && <span>{apiKey.scopes.join(', ')}</span>}
        </div>
        <p className="text-xs text-fg-muted">
          Created {formatIso(apiKey.createdAt, zone, { year: true })} ·{' '}
          {apiKey.lastUsedAt ? `last used ${formatIso(apiKey.lastUsedAt, zone, { year: true })}` : 'never used'}
          {apiKey.revokedAt && ` · revoked ${formatIso(apiKey.revokedAt, zone, { year: true })}`}
        </p>
      </div>
      {!revoked && (
        <div className="shrink-0">
          <ConfirmAction
            trigger="Revoke"
            triggerLabel={`Revoke key ${apiKey.name}`}
            title={`Revoke the key “${apiKey.name}”?`}
            confirmLabel="Revoke key"
            pending={revoke.isPending}
            permission="keys:manage"
            error={revoke.error}
            onOpen={revoke.reset}
            onConfirm={() => revoke.mutateAsync(apiKey.id)}
          >
            <p>
              Anything still using <code className="font-mono text-fg">{apiKey.prefix}…</code> is refused from the next
              request on. This cannot be undone.
            </p>
          </ConfirmAction>
        </div>
      )}
    </li>
  );
}

/** A project's ingest and admin keys (admins only: the API refuses everyone else). */
export function ProjectsKeys({ projectId }: { projectId: string }) {
  const keys = useProjectKeys(projectId);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);

  return (
    <ProjectsSection
      title="API keys"
      action={
        !creating && (
          <ActionButton
            permission="keys:manage"
            variant="secondary"
            onClick={() => {
              setCreated(null);
              setCreating(true);
            }}
          >
            <Plus className="h-4 w-4" aria-hidden />
            New key
          </ActionButton>
        )
      }
    >
      {creating && (
        <ProjectsKeyForm
          projectId={projectId}
          onCancel={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            setCreated(c);
          }}
        />
      )}
      {created && (
        <ShownOnce title={`Your new key “${created.name}”`} value={created.key} onDone={() => setCreated(null)} />
      )}
      <FormError message={errorText(keys.error)} />
      {keys.data &&
        (keys.data.length === 0 ? (
          <p className="text-sm text-fg-muted">No keys yet. Create an ingest key to send metrics from a server.</p>
        ) : (
          <ul className="divide-y divide-border">
            {keys.data.map((k) => (
              <KeyRow key={k.id} projectId={projectId} apiKey={k} />
            ))}
          </ul>
        ))}
      {keys.isPending && (
        <div
          className="h-12 animate-pulse rounded-md bg-surface-muted"
          role="status"
          aria-busy="true"
          aria-label="Loading keys"
        />
      )}
    </ProjectsSection>
  );
}
