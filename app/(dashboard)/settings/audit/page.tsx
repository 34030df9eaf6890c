import type { Metadata } from 'next';
import { AdminRequired } from '@/components/settings/AdminRequired';
import { AuditLog } from '@/components/settings/AuditLog';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireUser } from '@/lib/auth/page';
import { roleCan } from '@/lib/auth/permissions';

export const metadata: Metadata = { title: 'Audit log · Settings' };
export const dynamic = 'force-dynamic';

export default async function AuditSettingsPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader
        title="Audit log"
        summary="Every change to projects, keys, share links and users: who made it, and when."
      />
      {roleCan(user.role, 'audit:read') ? <AuditLog /> : <AdminRequired section="The audit log" role={user.role} />}
    </>
  );
}
