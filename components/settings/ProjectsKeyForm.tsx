'use client';

import { useState, type FormEvent } from 'react';
import { formErrors } from '@/lib/form-errors';
import { useCreateKey, type AdminScope, type KeyKind } from '@/lib/hooks/useProjectKeys';
import { Button, Field, FormError, Input, Select } from '../ui/Form';

const KIND_HINT: Record<KeyKind, string> = {
  ingest: 'Sends metrics from your servers. It can do nothing else.',
  admin: 'Uses the performance API of this project with the scopes below.',
};

const SCOPES: { scope: AdminScope; label: string }[] = [
  { scope: 'performance:read', label: 'performance:read — read dashboards and reports' },
  { scope: 'performance:write', label: 'performance:write — also run cache actions' },
];

/** Creates a key; the parent shows the secret, which exists in clear only in this answer. */
export function ProjectsKeyForm({
  projectId,
  onCreated,
  onCancel,
}: {
  projectId: string;
  onCreated: (created: { key: string; name: string }) => void;
  onCancel: () => void;
}) {
  const create = useCreateKey(projectId);
  const [kind, setKind] = useState<KeyKind>('ingest');
  const errors = formErrors(create.error, { kind: 'Kind', name: 'Name', scopes: 'Scopes' });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '');
    const scopes = form.getAll('scopes').map(String) as AdminScope[];
    create.mutate(
      { kind, name, ...(kind === 'admin' && { scopes }) },
      { onSuccess: ({ key, record }) => onCreated({ key, name: record.name }) },
    );
  }

  return (
    <form
      onSubmit={onSubmit}
      className="space-y-4 rounded-lg border border-border bg-surface-muted/50 p-4"
      aria-label="New key"
      noValidate
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Kind" error={errors.fields.kind} hint={KIND_HINT[kind]}>
          <Select name="kind" value={kind} onChange={(e) => setKind(e.target.value as KeyKind)}>
            <option value="ingest">Ingest</option>
            <option value="admin">Admin</option>
          </Select>
        </Field>
        <Field
          label="Name"
          error={errors.fields.name}
          hint="Says where the key is used, like “production API servers”."
        >
          <Input name="name" required maxLength={100} autoComplete="off" autoFocus />
        </Field>
      </div>
      {kind === 'admin' && (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-fg">Scopes</legend>
          {SCOPES.map(({ scope, label }) => (
            <label key={scope} className="flex items-start gap-2 text-sm text-fg">
              <input
                type="checkbox"
                name="scopes"
                value={scope}
                defaultChecked={scope === 'performance:read'}
                className="mt-0.5 h-4 w-4 accent-[var(--accent)]"
              />
              <span className="min-w-0 break-words">{label}</span>
            </label>
          ))}
          <p className="text-xs text-fg-muted">With none ticked the key gets performance:read.</p>
          {errors.fields.scopes && <p className="text-xs font-medium text-poor">{errors.fields.scopes}</p>}
        </fieldset>
      )}
      <FormError messages={errors.summary} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create key'}
        </Button>
      </div>
    </form>
  );
}
