'use client';

import { useState, type FormEvent } from 'react';
import { formErrors } from '@/lib/form-errors';
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
  const errors = formErrors(create.error, { email: 'Email', name: 'Name', role: 'Role', password: 'Password' });

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
          <Field label="Email" error={errors.fields.email}>
            <Input name="email" type="email" required maxLength={254} autoComplete="off" autoFocus />
          </Field>
          <Field label="Name" error={errors.fields.name}>
            <Input name="name" required maxLength={100} autoComplete="off" />
          </Field>
          <Field label="Role" error={errors.fields.role} hint={ROLE_OPTIONS.find((o) => o.role === role)?.can}>
            <Select name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLE_OPTIONS.map((o) => (
                <option key={o.role} value={o.role}>
                  {o.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Password (optional)"
            error={errors.fields.password}
            hint="At least 12 characters. Leave empty to generate one."
          >
            <Input name="password" type="password" minLength={12} maxLength={256} autoComplete="new-password" />
          </Field>
        </div>
        <FormError messages={errors.summary} />
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
