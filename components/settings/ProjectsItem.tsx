'use client';

import { Pencil } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useCan } from '@/lib/hooks/useCan';
import { useDeleteProject, type Project } from '@/lib/hooks/useProjects';
import { ActionButton } from '../ui/ActionButton';
import { Badge } from '../ui/Badge';
import { ConfirmAction } from './ConfirmDialog';
import { ProjectsBeacons } from './ProjectsBeacons';
import { ProjectsEditForm } from './ProjectsEditForm';
import { ProjectsGoals } from './ProjectsGoals';
import { ProjectsKeys } from './ProjectsKeys';
import { ProjectsSection } from './ProjectsSection';
import { ProjectsSeries } from './ProjectsSeries';
import { ProjectsServices } from './ProjectsServices';
import { ProjectsShares } from './ProjectsShares';
import { ProjectsSnippet } from './ProjectsSnippet';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import { formatIso } from '@/lib/format/time';

function ProjectDelete({ project }: { project: Project }) {
  const remove = useDeleteProject(project.id);
  return (
    <ConfirmAction
      trigger="Delete"
      triggerLabel={`Delete project ${project.name}`}
      title={`Delete the project “${project.name}”?`}
      confirmLabel={`Delete ${project.name}`}
      pending={remove.isPending}
      permission="projects:manage"
      error={remove.error}
      onOpen={remove.reset}
      onConfirm={() => remove.mutateAsync()}
    >
      <p>
        Its keys and share links stop working at once, and its site id no longer accepts data. This cannot be undone.
      </p>
    </ConfirmAction>
  );
}

/**
 * One project: its identity, series, services, goals and tracker tag for everyone; editing (goals
 * included) and deleting for those who may (disabled with the reason for others); keys and share
 * links only for those who may manage them.
 */
export function ProjectsItem({ project }: { project: Project }) {
  const [editing, setEditing] = useState(false);
  // Closing the form (saved or cancelled) gives focus back to the Edit button it replaced.
  const article = useRef<HTMLElement>(null);
  const closed = useRef(false);
  useEffect(() => {
    if (editing || !closed.current) return;
    closed.current = false;
    article.current?.querySelector<HTMLButtonElement>('[data-edit-project]')?.focus();
  }, [editing]);
  const zone = useTimeZone();
  const manageKeys = useCan('keys:manage');
  const manageShares = useCan('shares:manage');

  return (
    <article
      ref={article}
      aria-labelledby={`project-${project.id}`}
      className="space-y-4 rounded-xl border border-border bg-surface p-4 shadow-sm sm:p-5"
    >
      <header className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id={`project-${project.id}`} className="text-base font-semibold break-words text-fg">
              {project.name}
            </h2>
            <Badge>{project.slug}</Badge>
            {project.builtIn && <Badge>built-in</Badge>}
          </div>
          <p className="text-xs text-fg-muted">
            {project.builtIn
              ? 'Observatory’s own requests, process and pages (self-monitoring). It cannot be deleted.'
              : `Created ${formatIso(project.createdAt, zone, { year: true })}`}
          </p>
        </div>
        {!editing && (
          <div className="flex shrink-0 gap-2">
            <ActionButton
              permission="projects:manage"
              variant="secondary"
              onClick={() => setEditing(true)}
              aria-label={`Edit project ${project.name}`}
              data-edit-project
            >
              <Pencil className="h-4 w-4" aria-hidden />
              Edit
            </ActionButton>
            {!project.builtIn && <ProjectDelete project={project} />}
          </div>
        )}
      </header>

      {editing && (
        <ProjectsEditForm
          project={project}
          onDone={() => {
            closed.current = true;
            setEditing(false);
          }}
        />
      )}

      <ProjectsSection title="Series">
        <ProjectsSeries projectId={project.id} />
      </ProjectsSection>

      <ProjectsSection title="Services">
        <ProjectsServices projectId={project.id} />
      </ProjectsSection>

      <ProjectsGoals projectId={project.id} projectName={project.name} />

      <ProjectsSection title="Browser tracker">
        <ProjectsSnippet siteId={project.siteId} />
        <ProjectsBeacons projectId={project.id} />
      </ProjectsSection>

      {!editing && (
        <ProjectsSection title="Allowed origins">
          {project.allowedOrigins.length ? (
            <ul className="flex flex-wrap gap-2">
              {project.allowedOrigins.map((o) => (
                <li key={o} className="rounded bg-surface-muted px-2 py-0.5 font-mono text-xs break-all text-fg">
                  {o}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-fg-muted">None set.</p>
          )}
        </ProjectsSection>
      )}

      {manageKeys && <ProjectsKeys projectId={project.id} />}
      {manageShares && <ProjectsShares projectId={project.id} />}
    </article>
  );
}
