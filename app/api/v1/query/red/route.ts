import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';
import { redQuery } from '@/lib/queries/params';
import { getRed } from '@/lib/queries/red';

/** Requests, rate, 5xx errors, error ratio and Apdex(T) of request records, filtered by tags. */
export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', query: redQuery },
  async ({ actor, query }) => {
    const project = await projectFor(actor, query.project);
    return { range: query.range, red: await getRed(getDb(), project.id, query.filters, query.range, query.apdexT) };
  },
);
