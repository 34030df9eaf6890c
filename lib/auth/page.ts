/**
 * Gates for server-rendered pages: the dashboard needs a signed-in user; while no user exists
 * every page leads to the first-run setup; a page that needs more than the user's role shows why.
 */
import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { currentUser, hasUsers } from '.';
import type { UserActor } from './permissions';

/** A local path to come back to after signing in; anything else becomes "/". */
export function safeNext(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value.slice(0, 500);
}

export async function requireUser(): Promise<UserActor> {
  const h = await headers();
  const user = await currentUser(h);
  if (user) return user;
  if (!(await hasUsers())) redirect('/setup');
  const next = safeNext(h.get('x-pathname'));
  redirect(next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`);
}
