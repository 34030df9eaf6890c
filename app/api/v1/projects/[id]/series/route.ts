import { getDb } from '@/lib/db';
import { projectPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';
import { seriesUsage } from '@/lib/queries/series-usage';

/** The project's series against the per-project limit, and the points that went past it in the last day. */
export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', params: projectPath },
  async ({ actor, params }) => {
    const project = await projectFor(actor, params.id);
    return { usage: await seriesUsage(getDb(), project.id) };
  },
);
