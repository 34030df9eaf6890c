import type { Metadata } from 'next';
import { ProjectViewPage } from '@/components/view/ProjectViewPage';
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
  if (!project) return <ProjectViewPage path="/web-vitals" projects={projects} project={null} />;
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
    <ProjectViewPage
      path="/web-vitals"
      projects={projects}
      project={project}
      resetOnProjectChange={['route', 'device']}
      queryClient={queryClient}
    >
      <WebVitalsView project={{ id: project.id, slug: project.slug, name: project.name, siteId: project.siteId }} />
    </ProjectViewPage>
  );
}
