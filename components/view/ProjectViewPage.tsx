import { dehydrate, HydrationBoundary, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { navItem } from '@/components/shell/nav';
import { Card } from '@/components/ui/Card';
import { PageHeader } from '@/components/ui/PageHeader';
import type { ViewProjects } from '@/lib/queries/view-projects';
import { ViewControls } from './ViewControls';

/**
 * A dashboard view of one project, rendered on the server: the page header, the view controls
 * (period, compare, project) and the view with the queries prefetched into `queryClient`.
 * Without any project, it says how to get one.
 */
export function ProjectViewPage({
  path,
  projects,
  project,
  resetOnProjectChange,
  queryClient,
  children,
}: ViewProjects & {
  /** The view's path in the navigation (its title and summary). */
  path: string;
  resetOnProjectChange?: readonly string[];
  queryClient?: QueryClient;
  children?: ReactNode;
}) {
  const item = navItem(path);
  return (
    <>
      <PageHeader title={item.label} summary={item.summary} />
      {project && queryClient ? (
        <>
          <ViewControls
            projects={projects.map((p) => ({ id: p.id, slug: p.slug, name: p.name, builtIn: p.builtIn }))}
            project={project.slug}
            resetOnProjectChange={resetOnProjectChange}
          />
          <HydrationBoundary state={dehydrate(queryClient)}>{children}</HydrationBoundary>
        </>
      ) : (
        <Card>
          <p className="text-sm text-fg-muted">No project yet: an admin creates one under Settings → Projects.</p>
        </Card>
      )}
    </>
  );
}
