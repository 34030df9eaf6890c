'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api } from '@/lib/api-client';
import { formErrors } from '@/lib/form-errors';
import { Button, Field, FormError, Input } from '../ui/Form';

export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const [error, setError] = useState<unknown>(null);
  const errors = formErrors(error, { email: 'Email', password: 'Password' });
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      await api('/api/auth/sign-in/email', {
        method: 'POST',
        body: { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') },
      });
      router.replace(next);
      router.refresh();
    } catch (err) {
      setError(err);
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field label="Email" error={errors.fields.email}>
        <Input name="email" type="email" autoComplete="username" required maxLength={254} autoFocus />
      </Field>
      <Field label="Password" error={errors.fields.password}>
        <Input name="password" type="password" autoComplete="current-password" required maxLength={256} />
      </Field>
      <FormError messages={errors.summary} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
