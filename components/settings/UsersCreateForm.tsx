'use client';

import { useState, type FormEvent } from 'react';
import { useCreateUser, type Role } from '@/lib/hooks/useUsers';
import { Card } from '../ui/Card';
import { Button, Field, FormError, Input, Select } from '../ui/Form';
import { ROLE_OPTIONS } from './UsersRoles';

/** Sign-up is closed: admins create accounts. `onCreated` gets the password when the server generated one. */
export function UsersCreateForm({
  onCreated,
  onCancel,
}: {
  onCreated: (created: { email: string; password?: string }) => void;
  onCancel: () => void;
}) {
  const create = useCreateUser();
  const [role, setRole] = useState<Role>('viewer');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    create.mutate(
      {
        email: String(form.get('email') ?? ''),
        name: String(form.get('name') ?? ''),
        role,
        // Empty asks the server to generate one (returned once).
        ...(password && { password }),
      },
      { onSuccess: ({ user, password }) => onCreated({ email: user.email, password }) },
    );
  }

  return (
    <Card title="New user">
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Email">
            <Input name="email" type="email" required maxLength={254} autoComplete="off" autoFocus />
          </Field>
          <Field label="Name">
            <Input name="name" required maxLength={100} autoComplete="off" />
          </Field>
          <Field label="Role" hint={ROLE_OPTIONS.find((o) => o.role === role)?.can}>
            <Select name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLE_OPTIONS.map((o) => (
                <option key={o.role} value={o.role}>
                  {o.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Password (optional)" hint="At least 12 characters. Leave empty to generate one.">
            <Input name="password" type="password" minLength={12} maxLength={256} autoComplete="new-password" />
          </Field>
        </div>
        <FormError message={create.error?.message} />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create user'}
          </Button>
        </div>
      </form>
    </Card>
  );
}
