import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';
import { getEndpoints } from '@/lib/queries/endpoints';
import { endpointsQuery } from '@/lib/queries/params';

/** Every route with requests: rate, 5xx error rate, p50/p95/p99, max and a trend; the period before with compare=1. */
export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', query: endpointsQuery },
  async ({ actor, query }) => {
    const project = await projectFor(actor, query.project);
    const filters = { service: query.service, method: query.method };
    return { endpoints: await getEndpoints(getDb(), project.id, filters, query.range, { compare: query.compare }) };
  },
);
