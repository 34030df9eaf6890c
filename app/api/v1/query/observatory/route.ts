import { getDb } from '@/lib/db';
import { goalsFor } from '@/lib/goals';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';
import { getObservatory } from '@/lib/queries/observatory';
import { observatoryQuery } from '@/lib/queries/params';

/** A project's overview: request KPIs against its goals, charts, vitals, infrastructure and business metrics. */
export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', query: observatoryQuery },
  async ({ actor, query }) => {
    const project = await projectFor(actor, query.project);
    const db = getDb();
    const goals = await goalsFor(db, project.id);
    return { observatory: await getObservatory(db, project.id, query.range, { compare: query.compare, goals }) };
  },
);
