/**
 * The built-in "Observatory" project: where Observatory records its own requests, process
 * gauges and page vitals. It has a fixed id, which no slug can be (store.ts), so
 * every instance finds the same project and creating it is idempotent: instances starting at
 * once on one database race on the primary key, the losers read the winner's row. It cannot be
 * deleted (it would come back at the next start, and the writer's cached series would point at
 * deleted rows); SELF_MONITORING=false stops recording into it.
 */
import { randomBytes } from 'node:crypto';
import { recordAudit } from '../audit/store';
import type { Db } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { generateSiteId } from './keys';
import { getProject, SELF_PROJECT_ID, updateProject, type ProjectView } from './store';

export { SELF_PROJECT_ID };
export const SELF_PROJECT_NAME = 'Observatory';
/** The audit log's actor for changes Observatory makes itself. */
const ACTOR = 'system';

export function isSelfProject(projectId: string): boolean {
  return projectId === SELF_PROJECT_ID;
}

/** Slugs to try in turn: a user's project may already be called "observatory". */
function slugCandidates(): string[] {
  return ['observatory', 'observatory-self', `observatory-${randomBytes(3).toString('hex')}`];
}

/**
 * Creates the project unless it exists, and makes sure its allowed origins include `origins`
 * (Observatory's own address, for the browser tracker on its pages). Returns it.
 */
export async function ensureSelfProject(db: Db, origins: readonly string[] = []): Promise<ProjectView> {
  for (const slug of slugCandidates()) {
    if (!(await db.project.findUnique({ where: { id: SELF_PROJECT_ID }, select: { id: true } }))) {
      try {
        await db.$transaction(async (tx) => {
          await tx.project.create({
            data: {
              id: SELF_PROJECT_ID,
              slug,
              name: SELF_PROJECT_NAME,
              siteId: generateSiteId(),
              allowedOrigins: JSON.stringify([...new Set(origins)]),
            },
          });
          await recordAudit(tx, {
            actor: ACTOR,
            action: 'project.create',
            target: `project:${SELF_PROJECT_ID}`,
            projectId: SELF_PROJECT_ID,
            details: { name: SELF_PROJECT_NAME, slug, builtIn: true },
          });
        });
      } catch (err) {
        // Another instance created it first (the id), or a user's project has this slug.
        if (!isUniqueViolation(err)) throw err;
        continue;
      }
    }
    return admitOrigins(db, origins);
  }
  throw new Error('could not create the built-in Observatory project: its slugs are taken');
}

/** Adds the origins the project does not allow yet (one audited change, none when nothing is missing). */
export async function admitOrigins(db: Db, origins: readonly string[]): Promise<ProjectView> {
  const project = await getProject(db, SELF_PROJECT_ID);
  const missing = origins.filter((o) => !project.allowedOrigins.includes(o));
  if (missing.length === 0) return project;
  return updateProject(db, ACTOR, SELF_PROJECT_ID, { allowedOrigins: [...project.allowedOrigins, ...missing] });
}
