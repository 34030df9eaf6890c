'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api } from '@/lib/api-client';
import { Button, Field, FormError, Input } from '../ui/Form';

export function SetupForm({ minPassword }: { minPassword: number }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    if (password !== String(form.get('confirm') ?? '')) {
      setError('the two passwords differ');
      return;
    }
    setPending(true);
    setError(null);
    try {
      await api('/api/setup', {
        method: 'POST',
        body: { name: String(form.get('name') ?? ''), email: String(form.get('email') ?? ''), password },
      });
      router.replace('/');
      router.refresh();
    } catch (err) {
      setError(err instanceof Error ? err.message : 'setup failed');
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field label="Name">
        <Input name="name" autoComplete="name" required maxLength={100} autoFocus />
      </Field>
      <Field label="Email">
        <Input name="email" type="email" autoComplete="username" required maxLength={254} />
      </Field>
      <Field label="Password" hint={`At least ${minPassword} characters.`}>
        <Input
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={minPassword}
          maxLength={256}
        />
      </Field>
      <Field label="Confirm password">
        <Input name="confirm" type="password" autoComplete="new-password" required maxLength={256} />
      </Field>
      <FormError message={error} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? 'Creating…' : 'Create admin account'}
      </Button>
    </form>
  );
}
