import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/AuthCard';
import { SetupForm } from '@/components/auth/SetupForm';
import { hasUsers } from '@/lib/auth';
import { PASSWORD_MIN } from '@/lib/auth/auth';

export const metadata: Metadata = { title: 'Set up' };

/** Open only while no user exists; afterwards it leads to sign-in. */
export default async function SetupPage() {
  if (await hasUsers()) redirect('/sign-in');
  return (
    <AuthCard
      title="Welcome to Observatory"
      summary="Create the first account. It is an admin: it can add users, projects and keys."
    >
      <SetupForm minPassword={PASSWORD_MIN} />
    </AuthCard>
  );
}
