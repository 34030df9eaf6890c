import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';
import { timeseriesQuery } from '@/lib/queries/params';
import { getTimeseries, pickStats } from '@/lib/queries/timeseries';

/** A metric over time in about `points` round steps (or `step`), optionally only some `stats`. */
export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', query: timeseriesQuery },
  async ({ actor, query }) => {
    const project = await projectFor(actor, query.project);
    const { step, points } = await getTimeseries(getDb(), project.id, query.metric, query.filters, query.range, {
      points: query.points,
      step: query.step,
    });
    return { range: query.range, step, points: query.stats ? pickStats(points, query.stats) : points };
  },
);
