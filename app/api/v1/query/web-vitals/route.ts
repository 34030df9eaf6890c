import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';
import { webVitalsQuery } from '@/lib/queries/params';
import { getWebVitals } from '@/lib/queries/web-vitals';

/**
 * Core Web Vitals at one percentile (p75 by default): per vital, shares and rating, over time,
 * by page route and device, histograms and the worst pages' attribution; the period before with compare=1.
 */
export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', query: webVitalsQuery },
  async ({ actor, query }) => {
    const project = await projectFor(actor, query.project);
    const filters = { route: query.route, device: query.device };
    return {
      webVitals: await getWebVitals(getDb(), project.id, filters, query.range, {
        percentile: query.percentile,
        compare: query.compare,
      }),
    };
  },
);
