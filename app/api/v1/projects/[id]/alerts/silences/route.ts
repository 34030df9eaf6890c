import { actorName } from '@/lib/auth/permissions';
import { newSilence } from '@/lib/alerts/rules';
import { createSilence, listSilences } from '@/lib/alerts/store';
import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { param, projectFor } from '@/lib/projects';

export const GET = route({ auth: 'user', permission: 'dashboards:read' }, async ({ actor, params }) => {
  const project = await projectFor(actor, param(params, 'id'));
  return { silences: await listSilences(getDb(), project.id) };
});

export const POST = route(
  { auth: 'user', permission: 'rules:manage', body: newSilence, maxBodyBytes: 16 * 1024 },
  async ({ actor, params, body }) => {
    const project = await projectFor(actor, param(params, 'id'));
    return Response.json(
      { silence: await createSilence(getDb(), actorName(actor), project.id, body) },
      { status: 201 },
    );
  },
);
