/**
 * How the Observatory's numbers are judged, in words: against the project's goals (lib/goals),
 * Apdex's standard bands and the performance score's (Lighthouse's) bands.
 */
import type { Goal } from '@/lib/goals/definitions';
import { judge, type GoalStatus } from '@/lib/goals/judge';
import type { VerdictTone } from './Verdict';

export type Judgement = { tone: VerdictTone; label: string };

const AGAINST_GOAL: Record<GoalStatus, Record<Goal['direction'], Judgement>> = {
  ok: {
    at_most: { tone: 'good', label: 'Within goal' },
    at_least: { tone: 'good', label: 'Meets goal' },
  },
  warning: {
    at_most: { tone: 'warn', label: 'Above goal' },
    at_least: { tone: 'warn', label: 'Below goal' },
  },
  critical: {
    at_most: { tone: 'poor', label: 'Critical' },
    at_least: { tone: 'poor', label: 'Critical' },
  },
};

/** A value in the goal's unit against its target and critical levels. */
export function againstGoal(value: number | null, goal: Goal): Judgement | null {
  if (value === null || Number.isNaN(value)) return null;
  return AGAINST_GOAL[judge(value, goal)][goal.direction];
}

/** Apdex bands: excellent ≥ 0.94, good ≥ 0.85, fair ≥ 0.70, poor ≥ 0.50, unacceptable below. */
export function apdexRating(score: number | null): Judgement | null {
  if (score === null) return null;
  if (score >= 0.94) return { tone: 'good', label: 'Excellent' };
  if (score >= 0.85) return { tone: 'good', label: 'Good' };
  if (score >= 0.7) return { tone: 'warn', label: 'Fair' };
  if (score >= 0.5) return { tone: 'poor', label: 'Poor' };
  return { tone: 'poor', label: 'Unacceptable' };
}

/** Performance score bands: good ≥ 90, needs improvement ≥ 50, poor below. */
export function scoreRating(score: number | null): Judgement | null {
  if (score === null) return null;
  if (score >= 90) return { tone: 'good', label: 'Good' };
  if (score >= 50) return { tone: 'warn', label: 'Needs improvement' };
  return { tone: 'poor', label: 'Poor' };
}
