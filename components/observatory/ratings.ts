/**
 * How the Observatory's numbers are judged, in words: against a budget, Apdex's standard bands,
 * the performance score's (Lighthouse's) bands, and the error rate from the first alert level.
 */
import { HIGH_ERROR_RATE } from '@/lib/view/format';
import type { VerdictTone } from './Verdict';

export type Judgement = { tone: VerdictTone; label: string };

export function againstBudget(value: number | null, budget: number): Judgement | null {
  if (value === null) return null;
  return value <= budget ? { tone: 'good', label: 'Within budget' } : { tone: 'poor', label: 'Over budget' };
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

/** The user's critical alert fires above 5% of 5xx; from 1% the rate is flagged high. */
export const CRITICAL_ERROR_RATE = 0.05;

export function errorRating(rate: number | null): Judgement | null {
  if (rate === null) return null;
  if (rate > CRITICAL_ERROR_RATE) return { tone: 'poor', label: 'Critical' };
  if (rate >= HIGH_ERROR_RATE) return { tone: 'warn', label: 'High' };
  return { tone: 'good', label: 'Normal' };
}

/** Performance score bands: good ≥ 90, needs improvement ≥ 50, poor below. */
export function scoreRating(score: number | null): Judgement | null {
  if (score === null) return null;
  if (score >= 90) return { tone: 'good', label: 'Good' };
  if (score >= 50) return { tone: 'warn', label: 'Needs improvement' };
  return { tone: 'poor', label: 'Poor' };
}

/** The user's autoscaling target for CPU. */
export const CPU_TARGET = 70;

export function cpuRating(percent: number | null): Judgement | null {
  if (percent === null) return null;
  return percent <= CPU_TARGET ? { tone: 'good', label: 'Below target' } : { tone: 'warn', label: 'Above target' };
}
