import type { Metadata } from 'next';
import { EndpointsView } from '@/components/endpoints/EndpointsView';
import { ProjectViewPage } from '@/components/view/ProjectViewPage';
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
  if (!project) return <ProjectViewPage path="/endpoints" projects={projects} project={null} />;
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
    <ProjectViewPage
      path="/endpoints"
      projects={projects}
      project={project}
      resetOnProjectChange={['service', 'method']}
      queryClient={queryClient}
    >
      <EndpointsView project={choice} />
    </ProjectViewPage>
  );
}
