import { getDb } from '@/lib/db';
import { projectPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { listRecommendations } from '@/lib/optimizer';
import { recommendationsQuery } from '@/lib/optimizer/schema';
import { projectFor } from '@/lib/projects';

/**
 * The project's recommendations, current ones first, then by priority and severity; `status`,
 * `category` and `priority` filter (each repeatable), `page` and `pageSize` (at most 200) page.
 */
export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', params: projectPath, query: recommendationsQuery },
  async ({ actor, params, query }) => {
    const project = await projectFor(actor, params.id);
    return listRecommendations(getDb(), project.id, query);
  },
);
