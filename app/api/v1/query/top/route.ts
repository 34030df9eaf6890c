import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';
import { topQuery } from '@/lib/queries/params';
import { getTop } from '@/lib/queries/top';

/** The top values of one tag (e.g. the slowest routes), ordered by a statistic. */
export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', query: topQuery },
  async ({ actor, query }) => {
    const project = await projectFor(actor, query.project);
    const { by, order, limit } = query;
    return {
      range: query.range,
      top: await getTop(getDb(), project.id, query.metric, query.filters, query.range, { by, order, limit }),
    };
  },
);
