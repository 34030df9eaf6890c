import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { navItem } from '@/components/shell/nav';
import { Card } from '@/components/ui/Card';
import { PageHeader } from '@/components/ui/PageHeader';
import type { LoadedView } from '@/lib/queries/views';
import { ViewControls } from './ViewControls';
import { UnknownProjectNotice, ViewProjects } from './ViewProjects';

/**
 * A dashboard view of one project, rendered on the server: the page header, the view controls
 * (period, compare, project) and the view with its data prefetched into a hydration boundary.
 * Without any project, it says how to get one.
 */
export function ProjectViewPage({
  path,
  title,
  summary,
  loaded,
  resetOnProjectChange,
  switchProjectTo,
  children,
}: {
  /** The view's path in the navigation (its title and summary unless given). */
  path: string;
  title?: string;
  summary?: string;
  loaded: LoadedView;
  resetOnProjectChange?: readonly string[];
  /** Where a project change goes, when the page shows something of one project only. */
  switchProjectTo?: string;
  children?: ReactNode;
}) {
  const item = navItem(path);
  return (
    <>
      <PageHeader title={title ?? item.label} summary={summary ?? item.summary} />
      <ProjectView loaded={loaded} resetOnProjectChange={resetOnProjectChange} switchProjectTo={switchProjectTo}>
        {children}
      </ProjectView>
    </>
  );
}

/** A ProjectViewPage's body, for a page that draws its header before the data is read (streamed). */
export function ProjectView({
  loaded: { projects, project, fallback, queryClient },
  resetOnProjectChange,
  switchProjectTo,
  children,
}: {
  loaded: LoadedView;
  resetOnProjectChange?: readonly string[];
  switchProjectTo?: string;
  children?: ReactNode;
}) {
  return (
    <>
      {project ? (
        <ViewProjects
          projects={projects.map((p) => ({
            id: p.id,
            slug: p.slug,
            name: p.name,
            builtIn: p.builtIn,
            siteId: p.siteId,
          }))}
          fallback={(fallback ?? project).slug}
        >
          <UnknownProjectNotice />
          <ViewControls resetOnProjectChange={resetOnProjectChange} switchProjectTo={switchProjectTo} />
          <HydrationBoundary state={dehydrate(queryClient)}>{children}</HydrationBoundary>
        </ViewProjects>
      ) : (
        <Card>
          <p className="text-sm text-fg-muted">No project yet: an admin creates one under Settings → Projects.</p>
        </Card>
      )}
    </>
  );
}
