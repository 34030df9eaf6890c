import { z } from 'zod';
import { actorName } from '@/lib/auth/permissions';
import { deleteUser, updateUser, userChanges } from '@/lib/auth/users';
import { getDb } from '@/lib/db';
import { recordId } from '@/lib/http/params';
import { route } from '@/lib/http/route';

const path = z.object({ id: recordId('user') });

export const PATCH = route(
  { auth: 'user', permission: 'users:manage', params: path, body: userChanges, maxBodyBytes: 4096 },
  async ({ actor, params, body }) => ({ user: await updateUser(getDb(), actorName(actor), params.id, body) }),
);

/** Removes the user and ends their sessions. */
export const DELETE = route({ auth: 'user', permission: 'users:manage', params: path }, async ({ actor, params }) => {
  await deleteUser(getDb(), actorName(actor), actor.id, params.id);
  return { deleted: true };
});
