import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';
import { statsQuery } from '@/lib/queries/params';
import { getStats } from '@/lib/queries/stats';

/** count, rate, avg, min, max and p50…p99 of a metric over a range. */
export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', query: statsQuery },
  async ({ actor, query }) => {
    const project = await projectFor(actor, query.project);
    return { range: query.range, stats: await getStats(getDb(), project.id, query.metric, query.filters, query.range) };
  },
);
