import { actorName } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db';
import { notFound } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { listKeys, param, projectFor, revokeKey } from '@/lib/projects';

/** Revokes the key at once: its next request is refused. */
export const DELETE = route({ auth: 'user', permission: 'keys:manage' }, async ({ actor, params }) => {
  const project = await projectFor(actor, param(params, 'id'));
  const keyId = param(params, 'keyId');
  if (!(await listKeys(getDb(), project.id)).some((k) => k.id === keyId)) {
    throw notFound(`no key "${keyId.slice(0, 60)}" in this project`);
  }
  return { key: await revokeKey(getDb(), actorName(actor), keyId) };
});
