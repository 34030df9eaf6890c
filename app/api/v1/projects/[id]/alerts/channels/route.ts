import { actorName } from '@/lib/auth/permissions';
import { deliveryOptions } from '@/lib/alerts';
import { newChannel } from '@/lib/alerts/rules';
import { createChannel, listChannels } from '@/lib/alerts/store';
import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { param, projectFor } from '@/lib/projects';

/** Channels as shown: a masked hint of their secret, never the URL or key itself. */
export const GET = route({ auth: 'user', permission: 'dashboards:read' }, async ({ actor, params }) => {
  const project = await projectFor(actor, param(params, 'id'));
  return { channels: await listChannels(getDb(), project.id) };
});

export const POST = route(
  { auth: 'user', permission: 'rules:manage', body: newChannel, maxBodyBytes: 16 * 1024 },
  async ({ actor, params, body }) => {
    const project = await projectFor(actor, param(params, 'id'));
    const channel = await createChannel(getDb(), actorName(actor), project.id, body, deliveryOptions().allow);
    return Response.json({ channel }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  },
);
