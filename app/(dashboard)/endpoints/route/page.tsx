import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import Link from 'next/link';
import { EndpointDetailView } from '@/components/endpoints/EndpointDetailView';
import { navItem } from '@/components/shell/nav';
import { Card } from '@/components/ui/Card';
import { PageHeader } from '@/components/ui/PageHeader';
import { ViewControls } from '@/components/view/ViewControls';
import { requireUser } from '@/lib/auth/page';
import { getDb } from '@/lib/db';
import { getEndpoint } from '@/lib/queries/endpoint';
import { viewProjects } from '@/lib/queries/view-projects';
import { getQueryClient } from '@/lib/query-client';
import { queryKeys } from '@/lib/query-keys';
import { parseViewState, resolveRange, textParam } from '@/lib/view/state';

export const metadata: Metadata = { title: 'Route' };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * One route: /endpoints/route?service=…&method=…&route=… (search params, so route templates
 * with slashes and brackets need no escaping scheme of their own).
 */
export default async function EndpointPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  const params = await searchParams;
  const state = parseViewState(params);
  const service = textParam(params, 'service');
  const method = textParam(params, 'method');
  const routeName = textParam(params, 'route');
  const db = getDb();
  const { projects, project } = await viewProjects(db, state.project);
  const item = navItem('/endpoints');
  if (!project || service === null || method === null || routeName === null) {
    return (
      <>
        <PageHeader title="Route" summary={item.summary} />
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
  const key = { service, method, route: routeName };
  const queryClient = getQueryClient();
  await queryClient.prefetchQuery({
    queryKey: queryKeys.data.endpoint(project.id, queryKeys.data.endpointParams(state, key)),
    queryFn: () => getEndpoint(db, project.id, key, resolveRange(state), { compare: state.compare }),
  });
  return (
    <>
      <PageHeader title="Route" summary="Latency, errors, status classes and database time of one route." />
      <ViewControls
        projects={projects.map((p) => ({ id: p.id, slug: p.slug, name: p.name, builtIn: p.builtIn }))}
        project={project.slug}
        resetOnProjectChange={['service', 'method', 'route']}
        switchProjectTo="/endpoints"
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <EndpointDetailView project={{ id: project.id, slug: project.slug, name: project.name }} endpoint={key} />
      </HydrationBoundary>
    </>
  );
}
