import { readAnnotations } from '@/lib/annotations';
import { annotationsQuery } from '@/lib/annotations/params';
import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';

/** What happened to a project over a range (alerts firing, for now), as spans the charts mark. */
export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', query: annotationsQuery },
  async ({ actor, query }) => {
    const project = await projectFor(actor, query.project);
    return readAnnotations(getDb(), project.id, query.range);
  },
);
