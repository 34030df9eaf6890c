import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { Home } from '@/components/home/Home';
import { navItem } from '@/components/shell/nav';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireUser } from '@/lib/auth/page';
import { roleCan } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db';
import { getDataOverview } from '@/lib/queries/overview';
import { getQueryClient } from '@/lib/query-client';
import { queryKeys } from '@/lib/query-keys';

export const metadata: Metadata = { title: { absolute: 'Observatory' } };
export const dynamic = 'force-dynamic';

export default async function ObservatoryPage() {
  const user = await requireUser();
  const queryClient = getQueryClient();
  await queryClient.prefetchQuery({ queryKey: queryKeys.overview, queryFn: () => getDataOverview(getDb()) });
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
