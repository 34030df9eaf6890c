'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { ProjectChoice } from '@/lib/views/projects';
import { useViewState } from './useViewState';

export type ViewProject = ProjectChoice & { builtIn: boolean; siteId: string };

type Choices = { projects: readonly ViewProject[]; fallback: string };

const ProjectsContext = createContext<Choices | null>(null);

/**
 * The projects a view may show, from the server: the URL's project is picked among them in the
 * browser, so switching projects needs no server render. `fallback` (a slug) is the one shown
 * when the URL names none or one that does not exist, as the server picked it.
 */
export function ViewProjects({ projects, fallback, children }: Choices & { children: ReactNode }) {
  return <ProjectsContext.Provider value={{ projects, fallback }}>{children}</ProjectsContext.Provider>;
}

export function useViewProjects(): Choices {
  const choices = useContext(ProjectsContext);
  if (!choices) throw new Error('useViewProjects needs a <ViewProjects> around it');
  return choices;
}

/** The project the view shows: the URL's (by slug or id), else the fallback. */
export function useViewProject(): ViewProject {
  return useProjectChoice().project;
}

/** The project shown, and the URL's project name when no project has it (null otherwise). */
function useProjectChoice(): { project: ViewProject; unknown: string | null } {
  const { projects, fallback } = useViewProjects();
  const { state } = useViewState();
  const requested = state.project;
  const named = requested ? projects.find((p) => p.slug === requested || p.id === requested) : undefined;
  const project = named ?? projects.find((p) => p.slug === fallback) ?? projects[0]!;
  return { project, unknown: requested && !named ? requested : null };
}

/** Longest part of an unknown project name repeated back. */
const SHOWN_NAME = 60;

/**
 * Says so when the URL names a project that does not exist (a mistyped or stale link, a deleted
 * project) instead of silently showing another one, and offers the one shown.
 */
export function UnknownProjectNotice() {
  const { project, unknown } = useProjectChoice();
  const { update } = useViewState();
  if (unknown === null) return null;
  const shown = unknown.length > SHOWN_NAME ? `${unknown.slice(0, SHOWN_NAME)}…` : unknown;
  return (
    <div
      role="alert"
      data-testid="unknown-project"
      className="mb-4 flex flex-wrap items-center gap-x-3 gap-y-2 rounded-xl border border-warn/40 bg-warn/10 p-3 text-sm text-fg"
    >
      <p className="min-w-0 break-words">
        There is no project <q className="font-mono">{shown}</q>. Showing <strong>{project.name}</strong> instead.
      </p>
      <button
        type="button"
        onClick={() => update({ project: project.slug }, { history: 'replace' })}
        className="rounded-md border border-border bg-surface px-2.5 py-1 text-xs font-medium hover:border-accent focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
      >
        Open {project.name}
      </button>
    </div>
  );
}
