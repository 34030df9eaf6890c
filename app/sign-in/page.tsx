import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/AuthCard';
import { SignInForm } from '@/components/auth/SignInForm';
import { currentUser, hasUsers } from '@/lib/auth';
import { safeNext } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next: raw } = await searchParams;
  const next = safeNext(Array.isArray(raw) ? raw[0] : raw);
  if (!(await hasUsers())) redirect('/setup');
  if (await currentUser(await headers())) redirect(next);
  return (
    <AuthCard title="Sign in" summary="Sign in to see your projects' performance.">
      <SignInForm next={next} />
    </AuthCard>
  );
}
