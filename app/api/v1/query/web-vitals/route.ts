import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';
import { readWebVitals } from '@/lib/queries/view-readers';
import { webVitalsView } from '@/lib/views/web-vitals';

/**
 * Core Web Vitals at one percentile (p75 by default): per vital, shares and rating, over time,
 * by page route and device, histograms and the worst pages' attribution; the period before with compare=1.
 */
export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', query: webVitalsView.query },
  async ({ actor, query }) => {
    const project = await projectFor(actor, query.project);
    return { webVitals: await readWebVitals(getDb(), project.id, query) };
  },
);
