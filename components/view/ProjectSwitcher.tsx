'use client';

import type { ProjectChoice } from '@/lib/view/projects';
import { useViewState } from './useViewState';

/**
 * The projects the user can read; the current one comes resolved from the server (the URL's,
 * or the default when the URL names none). Switching drops the view's filters, which name
 * the previous project's services and routes.
 */
export function ProjectSwitcher({
  projects,
  current,
  resetParams = [],
  switchTo,
}: {
  projects: readonly (ProjectChoice & { builtIn?: boolean })[];
  current: string;
  resetParams?: readonly string[];
  /** The page a project change goes to (a page about one thing of the project: its list). */
  switchTo?: string;
}) {
  const { update } = useViewState();
  return (
    <label className="flex min-w-0 items-center gap-2 text-sm text-fg">
      <span className="text-fg-muted">Project</span>
      <select
        value={current}
        onChange={(e) =>
          update(
            { project: e.target.value, ...Object.fromEntries(resetParams.map((p) => [p, null])) },
            { pathname: switchTo },
          )
        }
        className="min-w-0 max-w-[14rem] rounded-md border border-border bg-surface px-2 py-1.5 text-sm text-fg"
      >
        {projects.map((p) => (
          <option key={p.id} value={p.slug}>
            {p.name}
            {p.builtIn ? ' (built in)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
