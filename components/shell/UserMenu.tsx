'use client';

import { LogOut } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/lib/api-client';
import { Badge } from '../ui/Badge';

export type ShellUser = { name: string; email: string; role: string };

/** Who is signed in, with their role, and the way out. */
export function UserMenu({ user }: { user: ShellUser }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signOut() {
    setPending(true);
    try {
      await api('/api/auth/sign-out', { method: 'POST' });
      router.replace('/sign-in');
      router.refresh();
    } catch (err) {
      setError(err instanceof Error ? err.message : 'sign-out failed');
      setPending(false);
    }
  }

  return (
    <div className="space-y-2">
      <div className="min-w-0">
        <div className="flex items-center gap-2">
          <span className="truncate text-sm font-medium text-fg" title={user.name}>
            {user.name}
          </span>
          <Badge>{user.role}</Badge>
        </div>
        <p className="truncate text-xs text-fg-muted" title={user.email}>
          {user.email}
        </p>
      </div>
      <button
        type="button"
        onClick={signOut}
        disabled={pending}
        className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-sm text-fg-muted hover:bg-surface-muted hover:text-fg disabled:opacity-60"
      >
        <LogOut className="h-4 w-4" aria-hidden />
        {pending ? 'Signing out…' : 'Sign out'}
      </button>
      {error && (
        <p role="alert" className="text-xs text-poor">
          {error}
        </p>
      )}
    </div>
  );
}
