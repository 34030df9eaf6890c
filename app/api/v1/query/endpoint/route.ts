import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';
import { getEndpoint } from '@/lib/queries/endpoint';
import { endpointQuery } from '@/lib/queries/params';

/** One route: percentiles over time, latency histogram, status classes, DB time share, slowest requests. */
export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', query: endpointQuery },
  async ({ actor, query }) => {
    const project = await projectFor(actor, query.project);
    const key = { service: query.service, method: query.method, route: query.route };
    return { endpoint: await getEndpoint(getDb(), project.id, key, query.range, { compare: query.compare }) };
  },
);
