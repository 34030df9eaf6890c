/**
 * What a change of goals may be: for each goal named, new levels or null (back to the default).
 * Levels are positive finite numbers up to the goal's bound, and critical lies beyond target in
 * the goal's direction; unknown goals and fields are refused, each problem named by its path.
 */
import { z } from 'zod';
import { strict } from '../zod';
import {
  criticalIsBeyond,
  GOAL_DEFINITIONS,
  GOAL_KEYS,
  type GoalDefinition,
  levelText,
  type GoalKey,
} from './definitions';

function level(what: string, { unit, max }: GoalDefinition) {
  return z
    .number({
      error: (issue) => {
        if (issue.code !== 'invalid_type') return undefined;
        if (issue.input === undefined) return `${what} is required`;
        if (typeof issue.input === 'string') return `${what} must be a JSON number, not a string`;
        if (typeof issue.input === 'number') return `${what} must be a finite number`;
        return `${what} must be a number`;
      },
    })
    .gt(0, `${what} must be greater than 0`)
    .max(max, `${what} must be at most ${levelText(max, unit)}`);
}

function levels(definition: GoalDefinition) {
  const { direction, unit } = definition;
  return strict(`goal ${definition.key}`, {
    target: level('target', definition),
    critical: level('critical', definition),
  }).superRefine((value, ctx) => {
    if (criticalIsBeyond(direction, value)) return;
    const side = direction === 'at_most' ? 'greater' : 'less';
    const better = direction === 'at_most' ? 'lower' : 'higher';
    ctx.addIssue({
      code: 'custom',
      path: ['critical'],
      message: `critical must be ${side} than the target (${levelText(value.target, unit)}): for ${definition.label.toLowerCase()} ${better} is better, and critical is the worse level`,
    });
  });
}

const changes = strict(
  'goals',
  Object.fromEntries(GOAL_KEYS.map((key) => [key, levels(GOAL_DEFINITIONS[key]).nullable().optional()])) as {
    [K in GoalKey]: z.ZodOptional<z.ZodNullable<ReturnType<typeof levels>>>;
  },
).refine((value) => Object.keys(value).length > 0, `goals must name at least one of ${GOAL_KEYS.join(', ')}`);

/** `PUT /api/v1/projects/:id/goals`: `{ goals: { p95: { target, critical }, p50: null } }`. */
export const goalsBody = strict('body', { goals: changes });

export type GoalChanges = z.output<typeof changes>;
