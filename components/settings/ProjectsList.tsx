'use client';

import { Plus } from 'lucide-react';
import { useState } from 'react';
import { useDenied } from '@/lib/hooks/useCan';
import { useProjects } from '@/lib/hooks/useProjects';
import { ActionButton } from '../ui/ActionButton';
import { Card } from '../ui/Card';
import { FormError } from '../ui/Form';
import { ProjectsCreateForm } from './ProjectsCreateForm';
import { ProjectsItem } from './ProjectsItem';

/** Every project of the installation; what each viewer may change follows their role. */
export function ProjectsList() {
  const projects = useProjects();
  const [creating, setCreating] = useState(false);
  const count = projects.data?.length;
  const denied = useDenied('projects:manage');

  return (
    <div className="space-y-4">
      <div className="flex min-h-10 flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-fg-muted" aria-live="polite">
          {count === undefined ? '' : count === 1 ? '1 project' : `${count} projects`}
          {denied && count !== undefined && ` · read-only: ${denied.toLowerCase()}`}
        </p>
        {!creating && (
          <ActionButton permission="projects:manage" onClick={() => setCreating(true)}>
            <Plus className="h-4 w-4" aria-hidden />
            New project
          </ActionButton>
        )}
      </div>

      {creating && <ProjectsCreateForm onDone={() => setCreating(false)} />}
      <FormError message={projects.error && `Could not load projects: ${projects.error.message}`} />
      {projects.isPending && (
        <div
          className="h-64 animate-pulse rounded-xl bg-surface-muted"
          role="status"
          aria-busy="true"
          aria-label="Loading"
        />
      )}

      {projects.data?.length === 0 && !creating && (
        <Card>
          <p className="text-sm text-fg-muted">
            No projects yet.{' '}
            {!denied
              ? 'Create one to get a site id for the browser tracker and keys for your servers.'
              : 'An admin creates them.'}
          </p>
        </Card>
      )}

      {projects.data?.map((project) => (
        <ProjectsItem key={project.id} project={project} />
      ))}
    </div>
  );
}
