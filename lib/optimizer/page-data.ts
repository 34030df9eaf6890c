/**
 * The /optimizer page's read: the projects, the chosen one's recommendations (current first, by
 * priority and severity), its recent deploy markers, when detection last ran, and the summary
 * the page's header card shows.
 */
import 'server-only';
import { getDb } from '../db';
import { listDeployments, type Deployment } from '../deployments/store';
import { listProjects } from '../projects/store';
import type { ProjectView } from '../projects/store';
import { PRIORITIES, type Priority } from './detectors';
import { thresholdsFor } from './settings';
import { listRecommendations, type Recommendation } from './store';

/** Points each open finding takes off the score of 100, by priority. */
export const SCORE_WEIGHTS: Record<Priority, number> = { critical: 15, high: 8, medium: 3, low: 1 };

export type OptimizerPage = {
  projects: ProjectView[];
  project: ProjectView | null;
  /** Open and in progress, found by the latest pass. */
  active: Recommendation[];
  /** Snoozed, dismissed, or no longer found. */
  resting: Recommendation[];
  fixed: Recommendation[];
  deployments: Deployment[];
  counts: Record<Priority, number>;
  /** 100 less each active finding's weight (SCORE_WEIGHTS), at least 0. */
  score: number;
  lastRunAt: string | null;
  windowHours: number;
};

export async function loadOptimizerPage(requested: string | null): Promise<OptimizerPage> {
  const db = getDb();
  const projects = await listProjects(db);
  const project = projects.find((p) => p.slug === requested || p.id === requested) ?? projects[0] ?? null;
  const counts = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>;
  if (!project) {
    return {
      projects,
      project,
      active: [],
      resting: [],
      fixed: [],
      deployments: [],
      counts,
      score: 100,
      lastRunAt: null,
      windowHours: 0,
    };
  }
  const [{ recommendations }, deployments, thresholds] = await Promise.all([
    listRecommendations(db, project.id, { pageSize: 10_000 }),
    listDeployments(db, project.id, { limit: 10 }),
    thresholdsFor(db, project.id),
  ]);
  const active = recommendations.filter((r) => r.current && (r.status === 'open' || r.status === 'in_progress'));
  const fixed = recommendations.filter((r) => r.status === 'fixed');
  const resting = recommendations.filter((r) => !active.includes(r) && !fixed.includes(r));
  for (const r of active) counts[r.priority]++;
  const score = Math.max(0, 100 - active.reduce((n, r) => n + SCORE_WEIGHTS[r.priority], 0));
  return {
    projects,
    project,
    active,
    resting,
    fixed,
    deployments,
    counts,
    score,
    lastRunAt: thresholds.lastRunAt?.toISOString() ?? null,
    windowHours: thresholds.values.windowHours,
  };
}
