'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { errorText } from '@/lib/form-errors';
import { useChangeRole, useRemoveUser, type Role, type User } from '@/lib/hooks/useUsers';
import { Badge } from '../ui/Badge';
import { FormError, Select } from '../ui/Form';
import { ConfirmAction, ConfirmDialog } from './ConfirmDialog';
import { ROLE_OPTIONS } from './UsersRoles';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import { formatIso } from '@/lib/format/time';

/** One user: their role can be changed in place; removing asks first. Nobody removes themselves. */
export function UsersRow({ user, isYou }: { user: User; isYou: boolean }) {
  const router = useRouter();
  const zone = useTimeZone();
  const changeRole = useChangeRole(user.id);
  const remove = useRemoveUser(user.id);
  const selectId = useId();
  // Giving up your own admin role locks you out of this page: ask before doing it.
  const [ownDemotion, setOwnDemotion] = useState<Role | null>(null);

  const shownRole = changeRole.isPending ? changeRole.variables : user.role;

  function pick(role: Role) {
    if (role === user.role) return;
    if (isYou && user.role === 'admin') return setOwnDemotion(role);
    changeRole.mutate(role);
  }

  return (
    <li className="space-y-2 py-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="min-w-0 space-y-0.5">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium break-words text-fg">{user.name}</span>
            {isYou && <Badge tone="accent">you</Badge>}
          </div>
          <p className="text-sm break-all text-fg-muted">{user.email}</p>
          <p className="text-xs text-fg-muted">Added {formatIso(user.createdAt, zone, { year: true })}</p>
        </div>
        {/* A fixed grid keeps every role select in one column, whether or not the row has Remove. */}
        <div className="flex shrink-0 items-end gap-2 sm:grid sm:grid-cols-[8rem_6rem]">
          <div className="space-y-1">
            <label htmlFor={selectId} className="block text-xs font-medium text-fg-muted">
              Role
            </label>
            <Select
              id={selectId}
              value={shownRole}
              disabled={changeRole.isPending}
              onChange={(e) => pick(e.target.value as Role)}
              aria-describedby={changeRole.error ? `${selectId}-error` : undefined}
              className="w-32"
            >
              {ROLE_OPTIONS.map((o) => (
                <option key={o.role} value={o.role}>
                  {o.label}
                </option>
              ))}
            </Select>
          </div>
          {!isYou && (
            <div className="sm:justify-self-end">
              <ConfirmAction
                trigger="Remove"
                triggerLabel={`Remove ${user.email}`}
                title={`Remove ${user.name}?`}
                confirmLabel="Remove user"
                pending={remove.isPending}
                permission="users:manage"
                error={remove.error}
                onOpen={remove.reset}
                onConfirm={() => remove.mutateAsync()}
              >
                <p>
                  {user.email} is signed out everywhere and can no longer sign in. What they did stays in the audit log.
                </p>
              </ConfirmAction>
            </div>
          )}
        </div>
      </div>
      <div id={`${selectId}-error`}>
        <FormError message={errorText(changeRole.error)} />
      </div>
      <ConfirmDialog
        open={ownDemotion !== null}
        onClose={() => {
          setOwnDemotion(null);
          // The dialog showed the refusal; the row need not repeat it.
          changeRole.reset();
        }}
        title="Give up your admin role?"
        confirmLabel="Change my role"
        pending={changeRole.isPending}
        error={changeRole.error}
        onConfirm={async () => {
          if (!ownDemotion) return;
          await changeRole.mutateAsync(ownDemotion);
          // The layout and this page depend on the role: draw them again for the new one.
          router.refresh();
        }}
      >
        <p>You will no longer manage projects, keys or users, and cannot make yourself an admin again.</p>
      </ConfirmDialog>
    </li>
  );
}
