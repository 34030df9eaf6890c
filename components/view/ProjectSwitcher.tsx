'use client';

import { useNavigate } from './useViewState';
import { useViewProject, useViewProjects } from './ViewProjects';

/**
 * The projects the user can read, the current one picked from the URL. Switching drops the
 * view's filters, which name the previous project's services and routes.
 */
export function ProjectSwitcher({
  resetParams = [],
  switchTo,
}: {
  resetParams?: readonly string[];
  /** The page a project change goes to (a page about one thing of the project: its list). */
  switchTo?: string;
}) {
  const { projects } = useViewProjects();
  const current = useViewProject();
  const navigate = useNavigate();
  return (
    <label className="flex min-w-0 items-center gap-2 text-sm text-fg">
      <span className="text-fg-muted">Project</span>
      <select
        value={current.slug}
        onChange={(e) =>
          navigate(
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
