import type { Metadata } from 'next';
import { EndpointsView } from '@/components/endpoints/EndpointsView';
import { ProjectViewPage } from '@/components/view/ProjectViewPage';
import { requireUser } from '@/lib/auth/page';
import { loadEndpoints } from '@/lib/queries/views';
import { endpointsView } from '@/lib/views';

export const metadata: Metadata = { title: 'Endpoints' };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function EndpointsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  const loaded = await loadEndpoints(endpointsView.parse(await searchParams));
  return (
    <ProjectViewPage path="/endpoints" loaded={loaded} resetOnProjectChange={endpointsView.resetOnProjectChange}>
      <EndpointsView />
    </ProjectViewPage>
  );
}
