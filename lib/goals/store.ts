/**
 * A project's goals: one row per goal it set (ProjectGoal), the defaults for the rest. Changes and
 * their audit entry share one transaction.
 */
import { recordAudit } from '../audit/store';
import type { Db } from '../db/client';
import {
  criticalIsBeyond,
  GOAL_DEFINITIONS,
  goalsWith,
  isGoalKey,
  levelText,
  type GoalKey,
  type GoalLevels,
  type Goals,
} from './definitions';
import type { GoalChanges } from './schema';

type Reader = Pick<Db, 'projectGoal'>;

/** The project's goals: its own levels where it set them, the defaults elsewhere. */
export async function goalsFor(db: Reader, projectId: string): Promise<Goals> {
  const rows = await db.projectGoal.findMany({ where: { projectId } });
  const own: Partial<Record<GoalKey, GoalLevels>> = {};
  for (const r of rows) {
    // A goal this version does not know, or a hand-edited row that no longer makes sense: the default holds.
    if (!isGoalKey(r.goal)) continue;
    const levels = { target: r.target, critical: r.critical };
    const { direction, max } = GOAL_DEFINITIONS[r.goal];
    const inRange = [r.target, r.critical].every((v) => Number.isFinite(v) && v > 0 && v <= max);
    if (inRange && criticalIsBeyond(direction, levels)) own[r.goal] = levels;
  }
  return goalsWith(own);
}

function described(key: GoalKey, levels: GoalLevels | null): string {
  if (levels === null) return 'default';
  const { unit } = GOAL_DEFINITIONS[key];
  return `target ${levelText(levels.target, unit)}, critical ${levelText(levels.critical, unit)}`;
}

/** Sets or resets (null) the goals named in `changes`; the others keep their levels. Returns every goal. */
export async function setGoals(db: Db, actor: string, projectId: string, changes: GoalChanges): Promise<Goals> {
  const named = Object.entries(changes).filter(([key]) => isGoalKey(key)) as [GoalKey, GoalLevels | null][];
  await db.$transaction(async (tx) => {
    for (const [goal, levels] of named) {
      if (levels === null) {
        await tx.projectGoal.deleteMany({ where: { projectId, goal } });
        continue;
      }
      await tx.projectGoal.upsert({
        where: { projectId_goal: { projectId, goal } },
        create: { projectId, goal, ...levels, updatedBy: actor },
        update: { ...levels, updatedBy: actor },
      });
    }
    await recordAudit(tx, {
      actor,
      action: 'goals.update',
      target: `project:${projectId}`,
      projectId,
      details: Object.fromEntries(named.map(([key, levels]) => [key, described(key, levels)])),
    });
  });
  return goalsFor(db, projectId);
}
