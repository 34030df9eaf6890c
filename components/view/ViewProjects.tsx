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
  const { projects, fallback } = useViewProjects();
  const { state } = useViewState();
  const requested = state.project;
  return (
    (requested && projects.find((p) => p.slug === requested || p.id === requested)) ||
    projects.find((p) => p.slug === fallback) ||
    projects[0]!
  );
}
