import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { AlertsView } from '@/components/alerts/AlertsView';
import { navItem } from '@/components/shell/nav';
import { PageHeader } from '@/components/ui/PageHeader';
import { prefetchAlertsPage } from '@/lib/alerts/page-data';
import { requireUser } from '@/lib/auth/page';
import { getQueryClient } from '@/lib/query-client';

export const metadata: Metadata = { title: 'Alerts' };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AlertsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  const requested = (await searchParams).project;
  const queryClient = getQueryClient();
  const projectId = await prefetchAlertsPage(queryClient, typeof requested === 'string' ? requested : null);
  const item = navItem('/alerts');
  return (
    <>
      <PageHeader title={item.label} summary={item.summary} />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <AlertsView initialProjectId={projectId} />
      </HydrationBoundary>
    </>
  );
}
