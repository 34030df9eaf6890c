import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { navItem } from '@/components/shell/nav';
import { Card } from '@/components/ui/Card';
import { PageHeader } from '@/components/ui/PageHeader';
import { ViewControls } from '@/components/view/ViewControls';
import { WebVitalsView } from '@/components/web-vitals/WebVitalsView';
import { requireUser } from '@/lib/auth/page';
import { getDb } from '@/lib/db';
import { viewProjects } from '@/lib/queries/view-projects';
import { getWebVitals } from '@/lib/queries/web-vitals';
import { getQueryClient } from '@/lib/query-client';
import { queryKeys } from '@/lib/query-keys';
import { parseViewState, resolveRange } from '@/lib/view/state';
import { parseVitalFilters } from '@/lib/view/vitals';

export const metadata: Metadata = { title: 'Web Vitals' };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function WebVitalsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  const params = await searchParams;
  const state = parseViewState(params);
  const filters = parseVitalFilters(params);
  const db = getDb();
  const { projects, project } = await viewProjects(db, state.project);
  const item = navItem('/web-vitals');
  if (!project) {
    return (
      <>
        <PageHeader title={item.label} summary={item.summary} />
        <Card>
          <p className="text-sm text-fg-muted">No project yet: an admin creates one under Settings → Projects.</p>
        </Card>
      </>
    );
  }
  const queryClient = getQueryClient();
  await queryClient.prefetchQuery({
    queryKey: queryKeys.data.webVitals(project.id, queryKeys.data.webVitalsParams(state, filters)),
    queryFn: () =>
      getWebVitals(
        db,
        project.id,
        { route: filters.route ?? undefined, device: filters.device ?? undefined },
        resolveRange(state),
        { percentile: filters.percentile, compare: state.compare },
      ),
  });
  return (
    <>
      <PageHeader title={item.label} summary={item.summary} />
      <ViewControls
        projects={projects.map((p) => ({ id: p.id, slug: p.slug, name: p.name, builtIn: p.builtIn }))}
        project={project.slug}
        resetOnProjectChange={['route', 'device']}
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <WebVitalsView project={{ id: project.id, slug: project.slug, name: project.name, siteId: project.siteId }} />
      </HydrationBoundary>
    </>
  );
}
