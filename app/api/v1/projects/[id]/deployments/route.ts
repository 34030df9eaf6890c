import { getDb } from '@/lib/db';
import { listDeployments } from '@/lib/deployments';
import { deploymentsQuery } from '@/lib/deployments/schema';
import { projectPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';

/** The project's deploy markers, newest first: a range, a service and an environment narrow them. */
export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', params: projectPath, query: deploymentsQuery },
  async ({ actor, params, query }) => {
    const project = await projectFor(actor, params.id);
    return { deployments: await listDeployments(getDb(), project.id, query) };
  },
);
