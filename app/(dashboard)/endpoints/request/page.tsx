import type { Metadata } from 'next';
import Link from 'next/link';
import { RequestDetailView } from '@/components/endpoints/RequestDetailView';
import { Card } from '@/components/ui/Card';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireUser } from '@/lib/auth/page';
import { loadRequest } from '@/lib/queries/views';
import { parseRequestPage } from '@/lib/views/request';

export const metadata: Metadata = { title: 'Request' };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const SUMMARY =
  'One request as the service reported it: time, exact status, duration, database, cache, sizes, instance.';

function Missing({ children }: { children: React.ReactNode }) {
  return (
    <>
      <PageHeader title="Request" summary={SUMMARY} />
      <Card>
        <p className="text-sm text-fg-muted">
          {children} Open one from a route&apos;s slowest or failed requests on{' '}
          <Link href="/endpoints" className="text-accent hover:underline">
            Endpoints
          </Link>
          .
        </p>
      </Card>
    </>
  );
}

/** One kept request: /endpoints/request?project=…&id=… (lib/views/request.ts). */
export default async function RequestPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  const query = parseRequestPage(await searchParams);
  if (!query) return <Missing>This link does not name a request (it needs a project and a request number).</Missing>;
  const { project, detail } = await loadRequest(query);
  if (!project) return <Missing>No project is called &quot;{query.project}&quot;.</Missing>;
  if (!detail) {
    return (
      <Missing>
        {project.name} has no request {query.id}: single requests are kept for the raw retention (RETENTION_RAW_DAYS)
        and then deleted.
      </Missing>
    );
  }
  return (
    <>
      <PageHeader title="Request" summary={`${project.name}: ${SUMMARY}`} />
      <RequestDetailView detail={detail} projectSlug={project.slug} />
    </>
  );
}
