/** A goal's level in words, in its unit: "500 ms", "1,000 req/s", "0.1%". */
import { formatMs, formatRate } from '../format/numbers';
import type { Goal, GoalUnit } from './definitions';

const percent = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

export function formatGoalLevel(value: number, unit: GoalUnit): string {
  if (unit === 'ms') return formatMs(value);
  if (unit === 'req/s') return `${formatRate(value)} req/s`;
  return `${percent.format(value)}%`;
}

/** "≤ 500 ms · critical > 1.00 s" (≥ and < for goals where higher is better). */
export function goalLevels(goal: Goal): string {
  const [within, beyond] = goal.direction === 'at_most' ? ['≤', '>'] : ['≥', '<'];
  return `${within} ${formatGoalLevel(goal.target, goal.unit)} · critical ${beyond} ${formatGoalLevel(goal.critical, goal.unit)}`;
}
