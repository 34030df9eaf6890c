import type { Metadata } from 'next';
import { ProjectsList } from '@/components/settings/ProjectsList';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireUser } from '@/lib/auth/page';
import { roleCan } from '@/lib/auth/permissions';

export const metadata: Metadata = { title: 'Projects · Settings' };
export const dynamic = 'force-dynamic';

export default async function ProjectsSettingsPage() {
  const user = await requireUser();
  // The API enforces these too; here they only decide which controls to draw.
  const access = {
    manageProjects: roleCan(user.role, 'projects:manage'),
    manageKeys: roleCan(user.role, 'keys:manage'),
    manageShares: roleCan(user.role, 'shares:manage'),
  };
  return (
    <>
      <PageHeader
        title="Projects"
        summary="Each project has a public site id for the browser tracker, keys for servers and the API, and share links."
      />
      <ProjectsList access={access} />
    </>
  );
}
