import { readHistory } from '@/lib/alerts/reads';
import { getDb } from '@/lib/db';
import { projectPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';

/** The latest state changes of the project's rules, newest first. */
export const GET = route(
  { auth: 'user', permission: 'dashboards:read', params: projectPath },
  async ({ actor, params }) => {
    const project = await projectFor(actor, params.id);
    return readHistory(getDb(), project.id);
  },
);
