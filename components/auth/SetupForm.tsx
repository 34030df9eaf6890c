'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api } from '@/lib/api-client';
import { formErrors } from '@/lib/form-errors';
import { Button, Field, FormError, Input } from '../ui/Form';

export function SetupForm({ minPassword }: { minPassword: number }) {
  const router = useRouter();
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const errors = formErrors(error, { name: 'Name', email: 'Email', password: 'Password' });
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    const differ = password !== String(form.get('confirm') ?? '');
    setMismatch(differ);
    setError(null);
    if (differ) return;
    setPending(true);
    try {
      await api('/api/setup', {
        method: 'POST',
        body: { name: String(form.get('name') ?? ''), email: String(form.get('email') ?? ''), password },
      });
      router.replace('/');
      router.refresh();
    } catch (err) {
      setError(err);
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field label="Name" error={errors.fields.name}>
        <Input name="name" autoComplete="name" required maxLength={100} autoFocus />
      </Field>
      <Field label="Email" error={errors.fields.email}>
        <Input name="email" type="email" autoComplete="username" required maxLength={254} />
      </Field>
      <Field label="Password" error={errors.fields.password} hint={`At least ${minPassword} characters.`}>
        <Input
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={minPassword}
          maxLength={256}
        />
      </Field>
      <Field label="Confirm password" error={mismatch ? 'The two passwords differ' : undefined}>
        <Input name="confirm" type="password" autoComplete="new-password" required maxLength={256} />
      </Field>
      <FormError messages={errors.summary} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? 'Creating…' : 'Create admin account'}
      </Button>
    </form>
  );
}
