import { actorName } from '@/lib/auth/permissions';
import { deliveryOptions } from '@/lib/alerts';
import { newChannel } from '@/lib/alerts/rules';
import { readChannels } from '@/lib/alerts/reads';
import { createChannel } from '@/lib/alerts/store';
import { getDb } from '@/lib/db';
import { projectPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';

/** Channels as shown: a masked hint of their secret, never the URL or key itself. */
export const GET = route(
  { auth: 'user', permission: 'dashboards:read', params: projectPath },
  async ({ actor, params }) => {
    const project = await projectFor(actor, params.id);
    return readChannels(getDb(), project.id);
  },
);

export const POST = route(
  { auth: 'user', permission: 'rules:manage', params: projectPath, body: newChannel, maxBodyBytes: 16 * 1024 },
  async ({ actor, params, body }) => {
    const project = await projectFor(actor, params.id);
    const channel = await createChannel(getDb(), actorName(actor), project.id, body, deliveryOptions().allow);
    return Response.json({ channel }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  },
);
