'use client';

import { useMemo, useState } from 'react';
import { useAuditLog } from '@/lib/hooks/useAuditLog';
import { useProjects } from '@/lib/hooks/useProjects';
import { Card } from '../ui/Card';
import { Button, Field, FormError, Select } from '../ui/Form';
import { actorLabel, AuditLogTable } from './AuditLogTable';

/** The choices, with the chosen one kept even when a newer list leaves it out. */
const withCurrent = (list: readonly string[], current: string | null) =>
  current && !list.includes(current) ? [current, ...list] : list;

/** Who did what and when, newest first, a page at a time (admins only). */
export function AuditLog() {
  const [project, setProject] = useState<string | null>(null);
  const [action, setAction] = useState<string | null>(null);
  const [actor, setActor] = useState<string | null>(null);
  const projects = useProjects();
  const log = useAuditLog({ project, action, actor });
  // The choices (over the whole log) come with the first page.
  const first = log.data?.pages[0];
  const facets = { actions: first?.actions ?? [], actors: first?.actors ?? [] };

  const projectNames = useMemo(() => new Map(projects.data?.map((p) => [p.id, p.name])), [projects.data]);
  const events = log.data?.pages.flatMap((page) => page.events) ?? [];

  return (
    <Card>
      <div className="mb-4 flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end sm:justify-between">
        <div className="grid gap-3 sm:grid-cols-3 lg:w-[40rem]">
          <Field label="Project">
            <Select value={project ?? ''} onChange={(e) => setProject(e.target.value || null)}>
              <option value="">All projects</option>
              {projects.data?.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Action">
            <Select value={action ?? ''} onChange={(e) => setAction(e.target.value || null)}>
              <option value="">All actions</option>
              {withCurrent(facets.actions, action).map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Actor">
            <Select value={actor ?? ''} onChange={(e) => setActor(e.target.value || null)}>
              <option value="">Anyone</option>
              {withCurrent(facets.actors, actor).map((a) => (
                <option key={a} value={a}>
                  {actorLabel(a)}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <p className="text-sm text-fg-muted" aria-live="polite">
          {log.isFetching && !log.isFetchingNextPage
            ? 'Loading…'
            : log.data && `${events.length} event${events.length === 1 ? '' : 's'} shown`}
        </p>
      </div>

      <FormError message={log.error && `Could not load the audit log: ${log.error.message}`} />
      {log.isPending && (
        <div
          className="h-64 animate-pulse rounded-md bg-surface-muted"
          role="status"
          aria-busy="true"
          aria-label="Loading"
        />
      )}
      {log.data &&
        (events.length ? (
          <AuditLogTable events={events} projectNames={projectNames} />
        ) : (
          <p className="py-6 text-center text-sm text-fg-muted">
            {project || action || actor ? 'Nothing recorded that matches these filters.' : 'Nothing recorded yet.'}
          </p>
        ))}

      {log.hasNextPage && (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" onClick={() => log.fetchNextPage()} disabled={log.isFetchingNextPage}>
            {log.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </Button>
        </div>
      )}
    </Card>
  );
}
