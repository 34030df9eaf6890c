'use client';

import { Plus } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { errorText, formErrors } from '@/lib/form-errors';
import { useCreateShare, useProjectShares, useRevokeShare, type ShareLink } from '@/lib/hooks/useProjectShares';
import { ActionButton } from '../ui/ActionButton';
import { Badge } from '../ui/Badge';
import { Button, Field, FormError, Input } from '../ui/Form';
import { ConfirmAction } from './ConfirmDialog';
import { ProjectsSection } from './ProjectsSection';
import { ShownOnce } from './ShownOnce';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import { formatIso } from '@/lib/format/time';

function ShareRow({ projectId, share }: { projectId: string; share: ShareLink }) {
  const revoke = useRevokeShare(projectId);
  const zone = useTimeZone();
  const revoked = share.revokedAt !== null;
  return (
    <li className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between">
      {/* Revoked: said by the badge and struck through, in colours that stay readable. */}
      <div className="min-w-0 space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className={`font-medium break-words text-fg ${revoked ? 'line-through' : ''}`}>{share.name}</span>
          {revoked && <Badge tone="poor">Revoked</Badge>}
        </div>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-fg-muted">
          <code className="font-mono text-fg">{share.prefix}…</code>
          <span className="break-all">by {share.createdBy}</span>
        </div>
        <p className="text-xs text-fg-muted">
          Created {formatIso(share.createdAt, zone, { year: true })} ·{' '}
          {share.lastUsedAt ? `last opened ${formatIso(share.lastUsedAt, zone, { year: true })}` : 'never opened'}
          {share.revokedAt && ` · revoked ${formatIso(share.revokedAt, zone, { year: true })}`}
        </p>
      </div>
      {!revoked && (
        <div className="shrink-0">
          <ConfirmAction
            trigger="Revoke"
            triggerLabel={`Revoke share link ${share.name}`}
            title={`Revoke the share link “${share.name}”?`}
            confirmLabel="Revoke link"
            pending={revoke.isPending}
            permission="shares:manage"
            error={revoke.error}
            onOpen={revoke.reset}
            onConfirm={() => revoke.mutateAsync(share.id)}
          >
            <p>Anyone opening the link gets “not found” from then on, including pages that embed it.</p>
          </ConfirmAction>
        </div>
      )}
    </li>
  );
}

function ShareForm({
  projectId,
  onCreated,
  onCancel,
}: {
  projectId: string;
  onCreated: (created: { url: string; name: string }) => void;
  onCancel: () => void;
}) {
  const create = useCreateShare(projectId);
  const errors = formErrors(create.error, { name: 'Name' });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name') ?? '');
    create.mutate(name, { onSuccess: ({ url, share }) => onCreated({ url, name: share.name }) });
  }

  return (
    <form
      onSubmit={onSubmit}
      className="space-y-4 rounded-lg border border-border bg-surface-muted/50 p-4"
      aria-label="New share link"
      noValidate
    >
      <Field
        label="Name"
        error={errors.fields.name}
        hint="Says who the link is for, like “status page” or “client review”."
      >
        <Input name="name" required maxLength={100} autoComplete="off" autoFocus />
      </Field>
      <FormError messages={errors.summary} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create link'}
        </Button>
      </div>
    </form>
  );
}

/** Read-only public links to a project's dashboards (admins only). */
export function ProjectsShares({ projectId }: { projectId: string }) {
  const shares = useProjectShares(projectId);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ url: string; name: string } | null>(null);

  return (
    <ProjectsSection
      title="Share links"
      action={
        !creating && (
          <ActionButton
            permission="shares:manage"
            variant="secondary"
            onClick={() => {
              setCreated(null);
              setCreating(true);
            }}
          >
            <Plus className="h-4 w-4" aria-hidden />
            New link
          </ActionButton>
        )
      }
    >
      {creating && (
        <ShareForm
          projectId={projectId}
          onCancel={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            setCreated(c);
          }}
        />
      )}
      {created && (
        <ShownOnce title={`Your new share link “${created.name}”`} value={created.url} onDone={() => setCreated(null)}>
          <p className="text-sm text-fg-muted">Anyone with the link sees this project&apos;s dashboards, read-only.</p>
        </ShownOnce>
      )}
      <FormError message={errorText(shares.error)} />
      {shares.data &&
        (shares.data.length === 0 ? (
          <p className="text-sm text-fg-muted">
            No share links. A link shows this project&apos;s dashboards, read-only, without signing in.
          </p>
        ) : (
          <ul className="divide-y divide-border">
            {shares.data.map((s) => (
              <ShareRow key={s.id} projectId={projectId} share={s} />
            ))}
          </ul>
        ))}
      {shares.isPending && (
        <div
          className="h-12 animate-pulse rounded-md bg-surface-muted"
          role="status"
          aria-busy="true"
          aria-label="Loading share links"
        />
      )}
    </ProjectsSection>
  );
}
