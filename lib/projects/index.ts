/** Projects' public face for route handlers: the stores on the process's database, with access checks. */
import 'server-only';
import { canAccessProject, type Actor } from '../auth/permissions';
import { getDb } from '../db';
import { forbidden } from '../http/errors';
import { getProject, type ProjectView } from './store';

export * from './store';

/** The project a route names, if the caller may reach it (keys reach only their own project). */
export async function projectFor(actor: Actor, slugOrId: string): Promise<ProjectView> {
  const project = await getProject(getDb(), slugOrId);
  if (!canAccessProject(actor, project.id)) throw forbidden('this key belongs to another project');
  return project;
}
