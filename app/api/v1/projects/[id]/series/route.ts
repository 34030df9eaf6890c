import { getDb } from '@/lib/db';
import { projectPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';
import { projectMetrics, seriesUsage } from '@/lib/queries/series-usage';

/**
 * The project's series against the per-project limit, the points that went past it in the last
 * day, and the metrics it reports (what the alert rule form offers).
 */
export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', params: projectPath },
  async ({ actor, params }) => {
    const project = await projectFor(actor, params.id);
    const db = getDb();
    const [usage, metrics] = await Promise.all([seriesUsage(db, project.id), projectMetrics(db, project.id)]);
    return { usage, metrics };
  },
);
