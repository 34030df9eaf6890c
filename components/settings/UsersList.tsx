'use client';

import { UserPlus } from 'lucide-react';
import { useState } from 'react';
import { useUsers } from '@/lib/hooks/useUsers';
import { Card } from '../ui/Card';
import { Button, FormError } from '../ui/Form';
import { ShownOnce } from './ShownOnce';
import { UsersCreateForm } from './UsersCreateForm';
import { UsersRow } from './UsersRow';
import { ROLE_OPTIONS } from './UsersRoles';

/** The people who can sign in, with their roles (admins only). */
export function UsersList({ currentUserId }: { currentUserId: string }) {
  const users = useUsers();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ email: string; password?: string } | null>(null);

  return (
    <div className="space-y-4">
      <div className="flex min-h-10 flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-fg-muted" aria-live="polite">
          {users.data && (users.data.length === 1 ? '1 user' : `${users.data.length} users`)}
        </p>
        {!creating && (
          <Button
            onClick={() => {
              setCreated(null);
              setCreating(true);
            }}
          >
            <UserPlus className="h-4 w-4" aria-hidden />
            New user
          </Button>
        )}
      </div>

      {creating && (
        <UsersCreateForm
          onCancel={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            setCreated(c);
          }}
        />
      )}
      {created?.password && (
        <ShownOnce
          title={`Generated password for ${created.email}`}
          value={created.password}
          onDone={() => setCreated(null)}
        >
          <p className="text-sm text-fg-muted">Hand it over in person or through a password manager, not by email.</p>
        </ShownOnce>
      )}
      {created && !created.password && (
        <p role="status" className="text-sm text-good">
          Created {created.email}. They sign in with the password you chose.
        </p>
      )}

      <Card>
        <FormError message={users.error && `Could not load users: ${users.error.message}`} />
        {users.isPending && (
          <div
            className="h-40 animate-pulse rounded-md bg-surface-muted"
            role="status"
            aria-busy="true"
            aria-label="Loading"
          />
        )}
        {users.data && (
          <ul className="-my-4 divide-y divide-border">
            {users.data.map((u) => (
              <UsersRow key={u.id} user={u} isYou={u.id === currentUserId} />
            ))}
          </ul>
        )}
      </Card>

      <Card title="Roles">
        <dl className="space-y-1.5 text-sm">
          {ROLE_OPTIONS.map((o) => (
            <div key={o.role} className="flex flex-col sm:flex-row sm:gap-2">
              <dt className="font-medium text-fg sm:w-20">{o.label}</dt>
              <dd className="text-fg-muted">{o.can}</dd>
            </div>
          ))}
        </dl>
      </Card>
    </div>
  );
}
