'use client';

import { Plus } from 'lucide-react';
import { useState } from 'react';
import { useProjects } from '@/lib/hooks/useProjects';
import { Card } from '../ui/Card';
import { Button, FormError } from '../ui/Form';
import { ProjectsCreateForm } from './ProjectsCreateForm';
import { ProjectsItem, type ProjectsAccess } from './ProjectsItem';

/** Every project of the installation; what each viewer may change follows their role. */
export function ProjectsList({ access }: { access: ProjectsAccess }) {
  const projects = useProjects();
  const [creating, setCreating] = useState(false);
  const count = projects.data?.length;

  return (
    <div className="space-y-4">
      <div className="flex min-h-10 flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-fg-muted" aria-live="polite">
          {count === undefined ? '' : count === 1 ? '1 project' : `${count} projects`}
          {!access.manageProjects && count !== undefined && ' · read-only: only admins change projects'}
        </p>
        {access.manageProjects && !creating && (
          <Button onClick={() => setCreating(true)}>
            <Plus className="h-4 w-4" aria-hidden />
            New project
          </Button>
        )}
      </div>

      {creating && <ProjectsCreateForm onDone={() => setCreating(false)} />}
      <FormError message={projects.error && `Could not load projects: ${projects.error.message}`} />
      {projects.isPending && <div className="h-64 animate-pulse rounded-xl bg-surface-muted" aria-label="Loading" />}

      {projects.data?.length === 0 && !creating && (
        <Card>
          <p className="text-sm text-fg-muted">
            No projects yet.{' '}
            {access.manageProjects
              ? 'Create one to get a site id for the browser tracker and keys for your servers.'
              : 'An admin creates them.'}
          </p>
        </Card>
      )}

      {projects.data?.map((project) => (
        <ProjectsItem key={project.id} project={project} access={access} />
      ))}
    </div>
  );
}
