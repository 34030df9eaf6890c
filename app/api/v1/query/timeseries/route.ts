import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';
import { timeseriesQuery } from '@/lib/queries/params';
import { getTimeseries } from '@/lib/queries/timeseries';

/** A metric over time in about `points` steps of whole minutes. */
export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', query: timeseriesQuery },
  async ({ actor, query }) => {
    const project = await projectFor(actor, query.project);
    const db = getDb();
    return {
      range: query.range,
      ...(await getTimeseries(db, project.id, query.metric, query.filters, query.range, query.points)),
    };
  },
);
