import type { Metadata } from 'next';
import Link from 'next/link';
import { EndpointDetailView } from '@/components/endpoints/EndpointDetailView';
import { navItem } from '@/components/shell/nav';
import { Card } from '@/components/ui/Card';
import { PageHeader } from '@/components/ui/PageHeader';
import { ProjectViewPage } from '@/components/view/ProjectViewPage';
import { requireUser } from '@/lib/auth/page';
import { loadEndpoint } from '@/lib/queries/views';
import { endpointView } from '@/lib/views';

export const metadata: Metadata = { title: 'Route' };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** One route: /endpoints/route?service=…&method=…&route=… (lib/views/endpoint.ts). */
export default async function EndpointPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  const state = endpointView.parse(await searchParams);
  const loaded = await loadEndpoint(state);
  const { service, method, route } = state;
  if (!loaded.project || service === null || method === null || route === null) {
    return (
      <>
        <PageHeader title="Route" summary={navItem('/endpoints').summary} />
        <Card>
          <p className="text-sm text-fg-muted">
            This link does not name a route (it needs a service, a method and a route). Pick one from the{' '}
            <Link href="/endpoints" className="text-accent hover:underline">
              list of routes
            </Link>
            .
          </p>
        </Card>
      </>
    );
  }
  return (
    <ProjectViewPage
      path="/endpoints"
      title="Route"
      summary="Latency, errors, status classes and database time of one route."
      loaded={loaded}
      resetOnProjectChange={endpointView.resetOnProjectChange}
      switchProjectTo="/endpoints"
    >
      <EndpointDetailView endpoint={{ service, method, route }} />
    </ProjectViewPage>
  );
}
