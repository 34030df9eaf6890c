'use client';

/**
 * The optimizer page's client parts: the project picker, times in the viewer's zone, the
 * "Run detection now" button and each recommendation's status actions. Changes go through the
 * session routes (optimizer:manage) and refresh the server-rendered page.
 */
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { ActionButton } from '@/components/ui/ActionButton';
import { FormError } from '@/components/ui/Form';
import { api, ApiRequestError } from '@/lib/api-client';
import { ELLIPSIS } from '@/lib/chars';
import { formatIso } from '@/lib/format/time';
import { useTimeZone } from '@/lib/hooks/useTimeZone';

export function ProjectPicker({ projects, current }: { projects: { slug: string; name: string }[]; current: string }) {
  const router = useRouter();
  return (
    <label className="flex min-w-0 items-center gap-2 text-sm text-fg">
      <span className="text-fg-muted">Project</span>
      <select
        value={current}
        onChange={(e) => router.push(`/optimizer?${new URLSearchParams({ project: e.target.value })}`)}
        className="min-w-0 max-w-[14rem] rounded-md border border-border bg-surface px-2 py-1.5 text-sm text-fg"
      >
        {projects.map((p) => (
          <option key={p.slug} value={p.slug}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Time({ iso, year = false }: { iso: string | null; year?: boolean }) {
  const zone = useTimeZone();
  return <time dateTime={iso ?? undefined}>{iso ? formatIso(iso, zone, { year }) : 'never'}</time>;
}

function useChange() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (path: string, method: string, body?: unknown) => {
    setError(null);
    startTransition(async () => {
      try {
        await api(path, { method, body });
        router.refresh();
      } catch (err) {
        setError(err instanceof ApiRequestError ? err.message : 'the change could not be saved; try again');
      }
    });
  };
  return { run, pending, error };
}

export function RunDetection({ project }: { project: string }) {
  const { run, pending, error } = useChange();
  return (
    <div className="flex flex-col items-end gap-1">
      <ActionButton
        permission="optimizer:manage"
        variant="secondary"
        disabled={pending}
        onClick={() => run(`/api/v1/projects/${encodeURIComponent(project)}/recommendations/run`, 'POST')}
      >
        {pending ? `Detecting${ELLIPSIS}` : 'Run detection now'}
      </ActionButton>
      {error && <FormError message={error} />}
    </div>
  );
}

const SNOOZE_DAYS = 7;

export function StatusActions({ project, id, status }: { project: string; id: number; status: string }) {
  const { run, pending, error } = useChange();
  const path = `/api/v1/projects/${encodeURIComponent(project)}/recommendations/${id}`;
  const set = (next: string, extra: Record<string, string> = {}) => run(path, 'PATCH', { status: next, ...extra });
  const actions: { label: string; next: string; extra?: () => Record<string, string> }[] =
    status === 'open'
      ? [
          { label: 'Start', next: 'in_progress' },
          { label: 'Mark fixed', next: 'fixed' },
          {
            label: `Snooze ${SNOOZE_DAYS} days`,
            next: 'snoozed',
            extra: () => ({ snoozedUntil: new Date(Date.now() + SNOOZE_DAYS * 86_400_000).toISOString() }),
          },
          { label: 'Dismiss', next: 'dismissed' },
        ]
      : status === 'in_progress'
        ? [
            { label: 'Mark fixed', next: 'fixed' },
            { label: 'Back to open', next: 'open' },
          ]
        : [{ label: 'Reopen', next: 'open' }];
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="status-actions">
      {actions.map((a) => (
        <ActionButton
          key={a.label}
          permission="optimizer:manage"
          variant="secondary"
          className="px-2 py-1 text-xs"
          disabled={pending}
          onClick={() => set(a.next, a.extra?.())}
        >
          {a.label}
        </ActionButton>
      ))}
      {error && <FormError message={error} />}
    </div>
  );
}
