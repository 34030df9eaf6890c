import type { Metadata } from 'next';
import { AdminRequired } from '@/components/settings/AdminRequired';
import { UsersList } from '@/components/settings/UsersList';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireUser } from '@/lib/auth/page';
import { roleCan } from '@/lib/auth/permissions';

export const metadata: Metadata = { title: 'Users · Settings' };
export const dynamic = 'force-dynamic';

export default async function UsersSettingsPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title="Users" summary="Who can sign in to this installation, and with which role." />
      {roleCan(user.role, 'users:manage') ? (
        <UsersList currentUserId={user.id} />
      ) : (
        <AdminRequired section="User management" role={user.role} />
      )}
    </>
  );
}
