import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';
import { readEndpoints } from '@/lib/queries/view-readers';
import { endpointsView } from '@/lib/views/endpoints';

/** Every route with requests: rate, 5xx error rate, p50/p95/p99, max and a trend; the period before with compare=1. */
export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', query: endpointsView.query },
  async ({ actor, query }) => {
    const project = await projectFor(actor, query.project);
    return { endpoints: await readEndpoints(getDb(), project.id, query) };
  },
);
