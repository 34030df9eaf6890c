'use client';

import { useState, type FormEvent } from 'react';
import { GOAL_DEFINITIONS, GOAL_KEYS, type GoalKey, type Goals } from '@/lib/goals/definitions';
import { formatGoalLevel } from '@/lib/goals/format';
import { useSetGoals, type GoalChanges } from '@/lib/hooks/useGoals';
import { Button, FormError, Input } from '../ui/Form';

type Draft = Record<GoalKey, { target: string; critical: string; reset: boolean }>;

function draftOf(goals: Goals): Draft {
  return Object.fromEntries(
    GOAL_KEYS.map((k) => [k, { target: String(goals[k].target), critical: String(goals[k].critical), reset: false }]),
  ) as Draft;
}

/** An empty or unreadable box sends null, which the server names as "must be a number". */
const levelOf = (text: string): number | null => (text.trim() === '' ? null : Number(text));

/** What the form changes: reset goals as null, edited ones with their levels, untouched ones not at all. */
function changesOf(goals: Goals, draft: Draft): GoalChanges {
  const changes: Record<string, { target: number | null; critical: number | null } | null> = {};
  for (const key of GOAL_KEYS) {
    const d = draft[key];
    if (d.reset) {
      if (goals[key].custom) changes[key] = null;
      continue;
    }
    const levels = { target: levelOf(d.target), critical: levelOf(d.critical) };
    if (levels.target !== goals[key].target || levels.critical !== goals[key].critical) changes[key] = levels;
  }
  return changes as GoalChanges;
}

/** The server names a goal by its path (goals.p95.critical: …); the form names it as the labels do. */
function plainError(message: string | undefined): string | undefined {
  return message?.replace(/(^|; )goals\.(\w+)\.(?:target|critical): /g, (whole, sep: string, key: string) =>
    key in GOAL_DEFINITIONS ? `${sep}${GOAL_DEFINITIONS[key as GoalKey].label}: ` : whole,
  );
}

/** Target and critical levels of every goal; a goal reset goes back to the default level. */
export function ProjectsGoalsForm({
  projectId,
  projectName,
  goals,
  onDone,
}: {
  projectId: string;
  projectName: string;
  goals: Goals;
  onDone: () => void;
}) {
  const save = useSetGoals(projectId);
  const [draft, setDraft] = useState(() => draftOf(goals));

  const edit = (key: GoalKey, field: 'target' | 'critical', value: string) =>
    setDraft((d) => ({ ...d, [key]: { ...d[key], [field]: value, reset: false } }));
  const reset = (key: GoalKey) =>
    setDraft((d) => ({
      ...d,
      [key]: {
        target: String(goals[key].defaults.target),
        critical: String(goals[key].defaults.critical),
        reset: true,
      },
    }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const changes = changesOf(goals, draft);
    if (Object.keys(changes).length === 0) return onDone();
    save.mutate(changes, { onSuccess: onDone });
  }

  return (
    <form
      onSubmit={onSubmit}
      className="space-y-4 rounded-lg border border-border bg-surface-muted/50 p-4"
      aria-label={`Goals of ${projectName}`}
      noValidate
    >
      <div className="space-y-3">
        {GOAL_KEYS.map((key) => {
          const goal = goals[key];
          const d = draft[key];
          const higher = goal.direction === 'at_least';
          const isDefault =
            d.reset || (!goal.custom && Number(d.target) === goal.target && Number(d.critical) === goal.critical);
          return (
            <fieldset key={key} className="space-y-2 border-b border-border pb-3 last:border-b-0 last:pb-0">
              <legend className="flex w-full flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                <span className="text-sm font-medium text-fg">
                  {goal.label} <span className="font-normal text-fg-muted">({goal.unitLabel})</span>
                </span>
                <span className="text-xs text-fg-muted">
                  {higher ? 'Higher is better' : 'Lower is better'} · default{' '}
                  {formatGoalLevel(goal.defaults.target, goal.unit)} /{' '}
                  {formatGoalLevel(goal.defaults.critical, goal.unit)}
                </span>
              </legend>
              <div className="grid grid-cols-2 gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
                <label className="block space-y-1">
                  <span className="block text-xs font-medium text-fg">
                    <span className="sr-only">{goal.label} </span>
                    Target {higher ? '(at least)' : '(at most)'}
                  </span>
                  <Input
                    name={`${key}.target`}
                    type="number"
                    inputMode="decimal"
                    step="any"
                    min={0}
                    value={d.target}
                    onChange={(e) => edit(key, 'target', e.target.value)}
                  />
                </label>
                <label className="block space-y-1">
                  <span className="block text-xs font-medium text-fg">
                    <span className="sr-only">{goal.label} </span>
                    Critical {higher ? '(below)' : '(above)'}
                  </span>
                  <Input
                    name={`${key}.critical`}
                    type="number"
                    inputMode="decimal"
                    step="any"
                    min={0}
                    value={d.critical}
                    onChange={(e) => edit(key, 'critical', e.target.value)}
                  />
                </label>
                <Button
                  variant="secondary"
                  className="col-span-2 justify-self-start sm:col-span-1"
                  onClick={() => reset(key)}
                  disabled={isDefault}
                  aria-label={`Reset ${goal.label} to the default`}
                >
                  {d.reset ? 'Default' : 'Reset'}
                </Button>
              </div>
            </fieldset>
          );
        })}
      </div>
      <FormError message={plainError(save.error?.message)} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save goals'}
        </Button>
      </div>
    </form>
  );
}
