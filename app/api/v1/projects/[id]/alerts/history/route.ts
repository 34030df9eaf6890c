import { history } from '@/lib/alerts/store';
import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { param, projectFor } from '@/lib/projects';

/** The latest state changes of the project's rules, newest first. */
export const GET = route({ auth: 'user', permission: 'dashboards:read' }, async ({ actor, params }) => {
  const project = await projectFor(actor, param(params, 'id'));
  return { events: await history(getDb(), project.id) };
});
