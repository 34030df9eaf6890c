import { actorName } from '@/lib/auth/permissions';
import { channelView, deleteChannel, deliveries, getChannel } from '@/lib/alerts/store';
import { getDb } from '@/lib/db';
import { projectRecordPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';

/** A channel and its delivery log (latest 50 notifications: attempts, status, last error). */
const path = projectRecordPath('channelId', 'channel');

export const GET = route({ auth: 'user', permission: 'dashboards:read', params: path }, async ({ actor, params }) => {
  const project = await projectFor(actor, params.id);
  const id = params.channelId;
  const channel = channelView(await getChannel(getDb(), project.id, id));
  return { channel, deliveries: await deliveries(getDb(), project.id, id) };
});

export const DELETE = route({ auth: 'user', permission: 'rules:manage', params: path }, async ({ actor, params }) => {
  const project = await projectFor(actor, params.id);
  await deleteChannel(getDb(), actorName(actor), project.id, params.channelId);
  return new Response(null, { status: 204 });
});
