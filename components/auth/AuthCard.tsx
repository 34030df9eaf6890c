import type { ReactNode } from 'react';
import { Brand } from '../shell/Brand';

/** The centred card of the sign-in and setup pages. */
export function AuthCard({ title, summary, children }: { title: string; summary: string; children: ReactNode }) {
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm space-y-6">
        <div className="flex justify-center">
          <Brand />
        </div>
        <section aria-label={title} className="rounded-xl border border-border bg-surface p-6 shadow-sm">
          <h1 className="text-xl font-semibold tracking-tight text-fg">{title}</h1>
          <p className="mt-1 text-sm text-fg-muted">{summary}</p>
          <div className="mt-6">{children}</div>
        </section>
      </div>
    </main>
  );
}
