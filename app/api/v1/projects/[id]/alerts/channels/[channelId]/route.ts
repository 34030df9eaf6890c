import { actorName } from '@/lib/auth/permissions';
import { pathId } from '@/lib/alerts/http';
import { channelView, deleteChannel, deliveries, getChannel } from '@/lib/alerts/store';
import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { param, projectFor } from '@/lib/projects';

/** A channel and its delivery log (latest 50 notifications: attempts, status, last error). */
export const GET = route({ auth: 'user', permission: 'dashboards:read' }, async ({ actor, params }) => {
  const project = await projectFor(actor, param(params, 'id'));
  const id = pathId(params, 'channelId', 'channel');
  const channel = channelView(await getChannel(getDb(), project.id, id));
  return { channel, deliveries: await deliveries(getDb(), project.id, id) };
});

export const DELETE = route({ auth: 'user', permission: 'rules:manage' }, async ({ actor, params }) => {
  const project = await projectFor(actor, param(params, 'id'));
  await deleteChannel(getDb(), actorName(actor), project.id, pathId(params, 'channelId', 'channel'));
  return new Response(null, { status: 204 });
});
