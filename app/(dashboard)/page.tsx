import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Home } from '@/components/home/Home';
import { ObservatorySkeleton, ObservatoryView } from '@/components/observatory/ObservatoryView';
import { navItem } from '@/components/shell/nav';
import { PageHeader } from '@/components/ui/PageHeader';
import { ProjectView } from '@/components/view/ProjectViewPage';
import { requireUser } from '@/lib/auth/page';
import { roleCan } from '@/lib/auth/permissions';
import { loadHome } from '@/lib/queries/views';
import { observatoryView, type ViewStateOf } from '@/lib/views';

export const metadata: Metadata = { title: { absolute: 'Observatory' } };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The dashboard home: until the users' projects have data, how to send it (and the demo, for
 * admins); then the Observatory view of one project. The header goes out at once and the rest
 * streams in once its numbers are read, so the page paints before the heaviest read is done.
 */
export default async function ObservatoryPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const state = observatoryView.parse(await searchParams);
  const item = navItem('/');
  return (
    <>
      <PageHeader title={item.label} summary={item.summary} />
      <Suspense fallback={<Loading />}>
        <HomeOrView state={state} canLoadDemo={roleCan(user.role, 'demo:load')} />
      </Suspense>
    </>
  );
}

async function HomeOrView({
  state,
  canLoadDemo,
}: {
  state: ViewStateOf<typeof observatoryView>;
  canLoadDemo: boolean;
}) {
  const { queryClient, view } = await loadHome(state);
  if (!view) {
    return (
      <HydrationBoundary state={dehydrate(queryClient)}>
        {/* The API checks this too; here it only decides whether to draw the button. */}
        <Home canLoadDemo={canLoadDemo} />
      </HydrationBoundary>
    );
  }
  return (
    <ProjectView loaded={view}>
      <ObservatoryView />
    </ProjectView>
  );
}

/** The view controls' and the overview's shape while the server reads the numbers. */
function Loading() {
  return (
    <div aria-busy="true">
      <div className="mb-6 h-14 animate-pulse rounded-xl border border-border bg-surface" />
      <ObservatorySkeleton />
    </div>
  );
}
