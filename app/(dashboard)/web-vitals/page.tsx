import type { Metadata } from 'next';
import { ProjectViewPage } from '@/components/view/ProjectViewPage';
import { WebVitalsView } from '@/components/web-vitals/WebVitalsView';
import { requireUser } from '@/lib/auth/page';
import { loadWebVitals } from '@/lib/queries/views';
import { webVitalsView } from '@/lib/views';

export const metadata: Metadata = { title: 'Web Vitals' };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function WebVitalsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  const loaded = await loadWebVitals(webVitalsView.parse(await searchParams));
  return (
    <ProjectViewPage path="/web-vitals" loaded={loaded} resetOnProjectChange={webVitalsView.resetOnProjectChange}>
      <WebVitalsView />
    </ProjectViewPage>
  );
}
