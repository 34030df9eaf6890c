import type { ReactNode } from 'react';

export function PageHeader({ title, summary, actions }: { title: string; summary?: string; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-fg">{title}</h1>
        {summary && <p className="mt-1 max-w-2xl text-sm text-fg-muted">{summary}</p>}
      </div>
      {actions}
    </div>
  );
}
