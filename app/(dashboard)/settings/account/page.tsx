import type { Metadata } from 'next';
import { AccountView } from '@/components/settings/AccountView';
import { PageHeader } from '@/components/ui/PageHeader';
import { accountOf } from '@/lib/auth';
import { requireUser } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Your account · Settings' };
export const dynamic = 'force-dynamic';

/** The signed-in user's own account and preferences; every role has it. */
export default async function AccountSettingsPage() {
  const user = await requireUser();
  const account = await accountOf(user.id);
  return (
    <>
      <PageHeader title="Your account" summary="Who you are signed in as, and how the dashboard shows you times." />
      <AccountView
        account={{
          name: account.name,
          email: account.email,
          role: account.role,
          createdAt: account.createdAt.toISOString(),
        }}
      />
    </>
  );
}
