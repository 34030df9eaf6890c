/**
 * Judging a value against a goal, for every reader (the views, and later the optimizer, reports
 * and load tests). The value is in the goal's unit: milliseconds, requests per second, or per
 * cent (an error ratio of 0.004 is 0.4). A value equal to a level is on its good side.
 */
import type { GoalDirection, GoalLevels } from './definitions';

export type GoalStatus = 'ok' | 'warning' | 'critical';

export function judge(value: number, goal: GoalLevels & { direction: GoalDirection }): GoalStatus {
  if (Number.isNaN(value)) throw new RangeError('a goal cannot judge NaN');
  const worse = goal.direction === 'at_most' ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
  if (worse(value, goal.critical)) return 'critical';
  if (worse(value, goal.target)) return 'warning';
  return 'ok';
}
