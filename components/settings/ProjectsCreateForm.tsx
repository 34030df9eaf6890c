'use client';

import type { FormEvent } from 'react';
import { formErrors } from '@/lib/form-errors';
import { useCreateProject } from '@/lib/hooks/useProjects';
import { Card } from '../ui/Card';
import { Button, Field, FormError, Input } from '../ui/Form';
import { parseOrigins, PROJECT_LABELS, ProjectsOriginsField } from './ProjectsOriginsField';

export function ProjectsCreateForm({ onDone }: { onDone: () => void }) {
  const create = useCreateProject();
  const errors = formErrors(create.error, PROJECT_LABELS);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const slug = String(form.get('slug') ?? '').trim();
    create.mutate(
      {
        name: String(form.get('name') ?? ''),
        // An empty slug means "derive it from the name" on the server.
        ...(slug && { slug }),
        allowedOrigins: parseOrigins(form.get('allowedOrigins')),
      },
      { onSuccess: onDone },
    );
  }

  return (
    <Card title="New project">
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Name" error={errors.fields.name}>
            <Input name="name" required maxLength={100} autoFocus autoComplete="off" />
          </Field>
          <Field
            label="Slug (optional)"
            error={errors.fields.slug}
            hint="Lowercase letters, digits and dashes; made from the name when empty."
          >
            <Input name="slug" maxLength={48} autoComplete="off" spellCheck={false} autoCapitalize="off" />
          </Field>
        </div>
        <ProjectsOriginsField error={errors.fields.allowedOrigins} />
        <FormError messages={errors.summary} />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create project'}
          </Button>
        </div>
      </form>
    </Card>
  );
}
