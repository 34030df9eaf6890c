import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { Home } from '@/components/home/Home';
import { ObservatoryView } from '@/components/observatory/ObservatoryView';
import { navItem } from '@/components/shell/nav';
import { PageHeader } from '@/components/ui/PageHeader';
import { ProjectViewPage } from '@/components/view/ProjectViewPage';
import { requireUser } from '@/lib/auth/page';
import { roleCan } from '@/lib/auth/permissions';
import { loadHome } from '@/lib/queries/views';
import { observatoryView } from '@/lib/views';

export const metadata: Metadata = { title: { absolute: 'Observatory' } };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The dashboard home: until the users' projects have data, how to send it (and the demo, for
 * admins); then the Observatory view of one project.
 */
export default async function ObservatoryPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const { queryClient, view } = await loadHome(observatoryView.parse(await searchParams));
  if (!view) {
    const item = navItem('/');
    return (
      <>
        <PageHeader title={item.label} summary={item.summary} />
        <HydrationBoundary state={dehydrate(queryClient)}>
          {/* The API checks this too; here it only decides whether to draw the button. */}
          <Home canLoadDemo={roleCan(user.role, 'demo:load')} />
        </HydrationBoundary>
      </>
    );
  }
  return (
    <ProjectViewPage path="/" loaded={view}>
      <ObservatoryView />
    </ProjectViewPage>
  );
}
