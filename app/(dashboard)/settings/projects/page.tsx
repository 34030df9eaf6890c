import type { Metadata } from 'next';
import { ProjectsList } from '@/components/settings/ProjectsList';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireUser } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Projects · Settings' };
export const dynamic = 'force-dynamic';

export default async function ProjectsSettingsPage() {
  await requireUser();
  return (
    <>
      <PageHeader
        title="Projects"
        summary="Each project has a public site id for the browser tracker, keys for servers and the API, and share links."
      />
      <ProjectsList />
    </>
  );
}
