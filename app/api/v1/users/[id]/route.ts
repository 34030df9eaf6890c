import { actorName } from '@/lib/auth/permissions';
import { deleteUser, updateUser, userChanges } from '@/lib/auth/users';
import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { param } from '@/lib/projects';

export const PATCH = route(
  { auth: 'user', permission: 'users:manage', body: userChanges, maxBodyBytes: 4096 },
  async ({ actor, params, body }) => ({ user: await updateUser(getDb(), actorName(actor), param(params, 'id'), body) }),
);

/** Removes the user and ends their sessions. */
export const DELETE = route({ auth: 'user', permission: 'users:manage' }, async ({ actor, params }) => {
  await deleteUser(getDb(), actorName(actor), actor.id, param(params, 'id'));
  return { deleted: true };
});
