import { getDb } from '@/lib/db';
import { projectPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';
import { listServices } from '@/lib/services';

/** The project's services (created when ingestion first sees them), with first and last seen and route counts. */
export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', params: projectPath },
  async ({ actor, params }) => {
    const project = await projectFor(actor, params.id);
    return { services: await listServices(getDb(), project.id) };
  },
);
