'use client';

import { Pencil } from 'lucide-react';
import { useState } from 'react';
import { GOAL_KEYS } from '@/lib/goals/definitions';
import { formatGoalLevel } from '@/lib/goals/format';
import { useGoals } from '@/lib/hooks/useGoals';
import { Badge } from '../ui/Badge';
import { ActionButton } from '../ui/ActionButton';
import { ProjectsGoalsForm } from './ProjectsGoalsForm';
import { ProjectsSection } from './ProjectsSection';

/** What the project aims for: each goal's target and critical level, its own or the default; those who may manage projects edit them. */
export function ProjectsGoals({ projectId, projectName }: { projectId: string; projectName: string }) {
  const goals = useGoals(projectId);
  const [editing, setEditing] = useState(false);

  return (
    <ProjectsSection
      title="Goals"
      action={
        goals.data &&
        !editing && (
          <ActionButton
            permission="projects:manage"
            variant="secondary"
            onClick={() => setEditing(true)}
            aria-label={`Edit goals of ${projectName}`}
          >
            <Pencil className="h-4 w-4" aria-hidden />
            Edit goals
          </ActionButton>
        )
      }
    >
      {goals.isPending && <p className="text-sm text-fg-muted">Loading goals…</p>}
      {goals.isError && <p className="text-sm text-fg-muted">Goals are unavailable: {goals.error.message}</p>}
      {goals.data && editing && (
        <ProjectsGoalsForm
          projectId={projectId}
          projectName={projectName}
          goals={goals.data}
          onDone={() => setEditing(false)}
        />
      )}
      {goals.data && !editing && (
        <table className="w-full text-sm" aria-label={`Goals of ${projectName}`}>
          <thead>
            <tr className="text-left text-xs text-fg-muted">
              <th scope="col" className="py-1 pr-2 font-medium">
                Goal
              </th>
              <th scope="col" className="py-1 pr-2 font-medium">
                Target
              </th>
              <th scope="col" className="py-1 font-medium">
                Critical
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {GOAL_KEYS.map((key) => {
              const g = goals.data[key];
              const [within, beyond] = g.direction === 'at_most' ? ['≤', '>'] : ['≥', '<'];
              return (
                <tr key={key} data-goal={key}>
                  <th scope="row" className="py-1.5 pr-2 text-left font-normal text-fg">
                    <span className="mr-1.5">{g.label}</span>
                    {g.custom && <Badge tone="accent">custom</Badge>}
                  </th>
                  <td className="py-1.5 pr-2 whitespace-nowrap tabular-nums text-fg">
                    {within} {formatGoalLevel(g.target, g.unit)}
                  </td>
                  <td className="py-1.5 whitespace-nowrap tabular-nums text-fg-muted">
                    {beyond} {formatGoalLevel(g.critical, g.unit)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </ProjectsSection>
  );
}
