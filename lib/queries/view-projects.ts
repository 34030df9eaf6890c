/** The project a server-rendered view shows, and the list its switcher offers. */
import type { Db } from '../db/client';
import { listProjects, type ProjectView } from '../projects/store';
import { TOTAL_DIMS } from '../rollup';
import { pickProject } from '../views/projects';

export type ViewProjects = {
  projects: ProjectView[];
  project: ProjectView | null;
  /** The project shown when a URL names none (or one that does not exist): the browser switches back to it. */
  fallback: ProjectView | null;
};

export async function viewProjects(db: Db, requested: string | null): Promise<ViewProjects> {
  const [projects, withData] = await Promise.all([
    listProjects(db),
    db.series.groupBy({ by: ['projectId'], where: { NOT: { dims: TOTAL_DIMS } } }),
  ]);
  const ids = new Set(withData.map((r) => r.projectId));
  return { projects, project: pickProject(projects, requested, ids), fallback: pickProject(projects, null, ids) };
}
