import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';
import { readObservatory } from '@/lib/queries/view-readers';
import { observatoryView } from '@/lib/views/observatory';

/** A project's overview: request KPIs against the budgets, charts, vitals, infrastructure and business metrics. */
export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', query: observatoryView.query },
  async ({ actor, query }) => {
    const project = await projectFor(actor, query.project);
    return { observatory: await readObservatory(getDb(), project.id, query) };
  },
);
