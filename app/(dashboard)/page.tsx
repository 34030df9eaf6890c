import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { Home } from '@/components/home/Home';
import { ObservatoryView } from '@/components/observatory/ObservatoryView';
import { navItem } from '@/components/shell/nav';
import { PageHeader } from '@/components/ui/PageHeader';
import { ViewControls } from '@/components/view/ViewControls';
import { requireUser } from '@/lib/auth/page';
import { roleCan } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db';
import { goalsFor } from '@/lib/goals';
import { getObservatory } from '@/lib/queries/observatory';
import { getDataOverview } from '@/lib/queries/overview';
import { viewProjects } from '@/lib/queries/view-projects';
import { getQueryClient } from '@/lib/query-client';
import { queryKeys } from '@/lib/query-keys';
import { parseViewState, resolveRange } from '@/lib/view/state';

export const metadata: Metadata = { title: { absolute: 'Observatory' } };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The dashboard home: until the users' projects have data, how to send it (and the demo, for
 * admins); then the Observatory view of one project.
 */
export default async function ObservatoryPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const db = getDb();
  const queryClient = getQueryClient();
  const overview = await getDataOverview(db);
  queryClient.setQueryData(queryKeys.overview, overview);
  const item = navItem('/');
  const header = <PageHeader title={item.label} summary={item.summary} />;
  if (overview.series === 0) {
    return (
      <>
        {header}
        <HydrationBoundary state={dehydrate(queryClient)}>
          {/* The API checks this too; here it only decides whether to draw the button. */}
          <Home canLoadDemo={roleCan(user.role, 'demo:load')} />
        </HydrationBoundary>
      </>
    );
  }

  const state = parseViewState(await searchParams);
  const { projects, project } = await viewProjects(db, state.project);
  // A project with data exists (the overview found one), so a project is always chosen.
  const shown = project!;
  await queryClient.prefetchQuery({
    queryKey: queryKeys.data.observatory(shown.id, queryKeys.data.observatoryParams(state)),
    queryFn: async () =>
      getObservatory(db, shown.id, resolveRange(state), {
        compare: state.compare,
        goals: await goalsFor(db, shown.id),
      }),
  });
  return (
    <>
      {header}
      <ViewControls
        projects={projects.map((p) => ({ id: p.id, slug: p.slug, name: p.name, builtIn: p.builtIn }))}
        project={shown.slug}
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ObservatoryView project={{ id: shown.id, slug: shown.slug, name: shown.name }} />
      </HydrationBoundary>
    </>
  );
}
