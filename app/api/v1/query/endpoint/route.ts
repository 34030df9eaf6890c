import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';
import { readEndpoint } from '@/lib/queries/view-readers';
import { endpointView } from '@/lib/views/endpoint';

/** One route: percentiles over time, latency histogram, status classes, DB time share, slowest requests. */
export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', query: endpointView.query },
  async ({ actor, query }) => {
    const project = await projectFor(actor, query.project);
    return { endpoint: await readEndpoint(getDb(), project.id, query) };
  },
);
