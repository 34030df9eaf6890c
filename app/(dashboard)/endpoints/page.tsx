import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { EndpointsView } from '@/components/endpoints/EndpointsView';
import { navItem } from '@/components/shell/nav';
import { Card } from '@/components/ui/Card';
import { PageHeader } from '@/components/ui/PageHeader';
import { ViewControls } from '@/components/view/ViewControls';
import { requireUser } from '@/lib/auth/page';
import { getDb } from '@/lib/db';
import { getEndpoints } from '@/lib/queries/endpoints';
import { viewProjects } from '@/lib/queries/view-projects';
import { getQueryClient } from '@/lib/query-client';
import { queryKeys } from '@/lib/query-keys';
import { parseViewState, resolveRange, textParam } from '@/lib/view/state';

export const metadata: Metadata = { title: 'Endpoints' };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function EndpointsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  const params = await searchParams;
  const state = parseViewState(params);
  const filters = { service: textParam(params, 'service'), method: textParam(params, 'method') };
  const db = getDb();
  const { projects, project } = await viewProjects(db, state.project);
  const item = navItem('/endpoints');
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
    queryKey: queryKeys.data.endpoints(project.id, queryKeys.data.endpointsParams(state, filters)),
    queryFn: () =>
      getEndpoints(
        db,
        project.id,
        { service: filters.service ?? undefined, method: filters.method ?? undefined },
        resolveRange(state),
        { compare: state.compare },
      ),
  });
  const choice = { id: project.id, slug: project.slug, name: project.name };
  return (
    <>
      <PageHeader title={item.label} summary={item.summary} />
      <ViewControls
        projects={projects.map((p) => ({ id: p.id, slug: p.slug, name: p.name, builtIn: p.builtIn }))}
        project={project.slug}
        resetOnProjectChange={['service', 'method']}
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <EndpointsView project={choice} />
      </HydrationBoundary>
    </>
  );
}
