import { getDb } from '@/lib/db';
import { notFound } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';
import { getRequest } from '@/lib/queries/requests';
import { requestQuery } from '@/lib/views/request';

/** One kept request (lib/ingest/samples.ts) and its route in the hour around it. */
export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', query: requestQuery },
  async ({ actor, query }) => {
    const project = await projectFor(actor, query.project);
    const detail = await getRequest(getDb(), project.id, query.id);
    if (!detail) throw notFound('no such request in this project (requests are kept for the raw retention)');
    return { request: detail };
  },
);
