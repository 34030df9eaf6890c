'use client';

import type { FormEvent } from 'react';
import { formErrors } from '@/lib/form-errors';
import { useUpdateProject, type Project } from '@/lib/hooks/useProjects';
import { Button, Field, FormError, Input } from '../ui/Form';
import { parseOrigins, PROJECT_LABELS, ProjectsOriginsField } from './ProjectsOriginsField';

/** Rename a project and set its allowed origins; the slug and site id never change. */
export function ProjectsEditForm({ project, onDone }: { project: Project; onDone: () => void }) {
  const update = useUpdateProject(project.id);
  const errors = formErrors(update.error, PROJECT_LABELS);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    update.mutate(
      { name: String(form.get('name') ?? ''), allowedOrigins: parseOrigins(form.get('allowedOrigins')) },
      { onSuccess: onDone },
    );
  }

  return (
    <form
      onSubmit={onSubmit}
      className="space-y-4 rounded-lg border border-border bg-surface-muted/50 p-4"
      aria-label={`Edit ${project.name}`}
      noValidate
    >
      <Field label="Name" error={errors.fields.name}>
        <Input name="name" defaultValue={project.name} required maxLength={100} autoFocus autoComplete="off" />
      </Field>
      <ProjectsOriginsField defaultValue={project.allowedOrigins} error={errors.fields.allowedOrigins} />
      <FormError messages={errors.summary} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save changes'}
        </Button>
      </div>
    </form>
  );
}
