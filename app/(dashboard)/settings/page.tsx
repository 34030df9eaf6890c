import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { SystemStatus } from '@/components/settings/SystemStatus';
import { navItem } from '@/components/shell/nav';
import { PageHeader } from '@/components/ui/PageHeader';
import { getHealth } from '@/lib/health';
import { getQueryClient } from '@/lib/query-client';
import { queryKeys } from '@/lib/query-keys';

export const metadata: Metadata = { title: 'Settings' };
export const dynamic = 'force-dynamic';

export default async function SettingsPage() {
  const queryClient = getQueryClient();
  await queryClient.prefetchQuery({ queryKey: queryKeys.health, queryFn: getHealth });
  const item = navItem('/settings');
  return (
    <>
      <PageHeader title={item.label} summary={item.summary} />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <SystemStatus />
      </HydrationBoundary>
    </>
  );
}
