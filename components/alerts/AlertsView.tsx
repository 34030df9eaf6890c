'use client';

import { useState } from 'react';
import { Field, FormError, Select } from '@/components/ui/Form';
import { useDenied } from '@/lib/hooks/useCan';
import { useProjects } from '@/lib/hooks/useProjects';
import { AlertsActive } from './AlertsActive';
import { AlertsChannels } from './AlertsChannels';
import { AlertsHistory } from './AlertsHistory';
import { AlertsRules } from './AlertsRules';
import { AlertsSilences } from './AlertsSilences';

/**
 * The alerts of one project: firing and pending alerts, rules, channels, silences and history.
 * The server picks the project (`?project=` or the first) and prefetches its reads; another
 * choice is kept in the address, so a reload shows the same project.
 */
export function AlertsView({ initialProjectId }: { initialProjectId: string | null }) {
  const projects = useProjects();
  const [chosen, setChosen] = useState<string | null>(initialProjectId);
  const denied = useDenied('rules:manage');
  const list = projects.data ?? [];
  const projectId = (chosen && list.some((p) => p.id === chosen) ? chosen : list[0]?.id) ?? null;
  if (projects.isPending) return <p className="text-sm text-fg-muted">Loading projects…</p>;
  if (projects.error) return <FormError message={projects.error.message} />;
  if (!projectId) return <p className="text-sm text-fg-muted">Create a project in Settings to set up alerts.</p>;
  const slugOf = (id: string) => list.find((p) => p.id === id)?.slug ?? id;

  function choose(id: string) {
    setChosen(id);
    const slug = list.find((p) => p.id === id)?.slug;
    if (slug) window.history.replaceState(null, '', `?project=${encodeURIComponent(slug)}`);
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="w-full max-w-xs">
          <Field label="Project">
            <Select value={projectId} onChange={(e) => choose(e.target.value)}>
              {list.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        {denied && <p className="text-sm text-fg-muted">Read-only: {denied.toLowerCase()}.</p>}
      </div>
      <AlertsActive projectId={projectId} projectSlug={slugOf(projectId)} />
      <AlertsRules projectId={projectId} />
      <div className="grid gap-6 lg:grid-cols-2">
        <AlertsChannels projectId={projectId} />
        <AlertsSilences projectId={projectId} />
      </div>
      <AlertsHistory projectId={projectId} projectSlug={slugOf(projectId)} />
    </div>
  );
}
