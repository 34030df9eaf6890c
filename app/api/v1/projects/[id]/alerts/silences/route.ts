import { actorName } from '@/lib/auth/permissions';
import { newSilence } from '@/lib/alerts/rules';
import { readSilences } from '@/lib/alerts/reads';
import { createSilence } from '@/lib/alerts/store';
import { getDb } from '@/lib/db';
import { projectPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';

export const GET = route(
  { auth: 'user', permission: 'dashboards:read', params: projectPath },
  async ({ actor, params }) => {
    const project = await projectFor(actor, params.id);
    return readSilences(getDb(), project.id);
  },
);

export const POST = route(
  { auth: 'user', permission: 'rules:manage', params: projectPath, body: newSilence, maxBodyBytes: 16 * 1024 },
  async ({ actor, params, body }) => {
    const project = await projectFor(actor, params.id);
    return Response.json(
      { silence: await createSilence(getDb(), actorName(actor), project.id, body) },
      { status: 201 },
    );
  },
);
