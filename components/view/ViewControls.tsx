'use client';

import type { ReactNode } from 'react';
import { CompareToggle } from './CompareToggle';
import { LiveBadge } from './LiveBadge';
import { PeriodSelector } from './PeriodSelector';
import { ProjectSwitcher } from './ProjectSwitcher';
import { useViewProject } from './ViewProjects';

/**
 * The controls every view shares: project, period and comparison, all kept in the URL; and the
 * live badge, which keeps the project's data refreshing as it arrives.
 */
export function ViewControls({
  resetOnProjectChange,
  switchProjectTo,
  children,
}: {
  /** The view's own params that name things inside a project (dropped when it changes). */
  resetOnProjectChange?: readonly string[];
  /** Where a project change goes, when this page shows something of one project only. */
  switchProjectTo?: string;
  /** The view's own filters, shown after the shared controls. */
  children?: ReactNode;
}) {
  const project = useViewProject();
  return (
    <div
      role="region"
      aria-label="View controls"
      className="mb-6 flex flex-wrap items-start gap-x-5 gap-y-3 rounded-xl border border-border bg-surface p-3"
    >
      <ProjectSwitcher resetParams={resetOnProjectChange} switchTo={switchProjectTo} />
      <PeriodSelector />
      <div className="pt-1.5">
        <CompareToggle />
      </div>
      {children}
      <div className="ml-auto pt-1">
        <LiveBadge project={project.slug} />
      </div>
    </div>
  );
}
