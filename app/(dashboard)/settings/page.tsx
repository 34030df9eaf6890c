import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { DemoLive } from '@/components/settings/DemoLive';
import { JobsStatus } from '@/components/settings/JobsStatus';
import { SystemStatus } from '@/components/settings/SystemStatus';
import { navItem } from '@/components/shell/nav';
import { PageHeader } from '@/components/ui/PageHeader';
import { demoLiveState } from '@/lib/demo';
import { getHealth } from '@/lib/health';
import { instanceName } from '@/lib/instance';
import { jobs } from '@/lib/jobs';
import { getQueryClient } from '@/lib/query-client';
import { queryKeys } from '@/lib/query-keys';

export const metadata: Metadata = { title: 'Settings' };
export const dynamic = 'force-dynamic';

export default async function SettingsPage() {
  const queryClient = getQueryClient();
  const [, jobStatus, demo] = await Promise.all([
    queryClient.prefetchQuery({ queryKey: queryKeys.health, queryFn: getHealth }),
    jobs().status(),
    demoLiveState(),
  ]);
  const item = navItem('/settings');
  return (
    <>
      <PageHeader title={item.label} summary={item.summary} />
      <div className="space-y-6">
        <HydrationBoundary state={dehydrate(queryClient)}>
          <SystemStatus />
        </HydrationBoundary>
        <JobsStatus jobs={jobStatus} instance={instanceName()} />
        {demo && <DemoLive enabled={demo.enabled} />}
      </div>
    </>
  );
}
