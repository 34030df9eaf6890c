import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';
import { getObservatory } from '@/lib/queries/observatory';
import { observatoryQuery } from '@/lib/queries/params';

/** A project's overview: request KPIs against the budgets, charts, vitals, infrastructure and business metrics. */
export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', query: observatoryQuery },
  async ({ actor, query }) => {
    const project = await projectFor(actor, query.project);
    return { observatory: await getObservatory(getDb(), project.id, query.range, { compare: query.compare }) };
  },
);
