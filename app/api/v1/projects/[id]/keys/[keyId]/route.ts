import { actorName } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db';
import { notFound } from '@/lib/http/errors';
import { projectRecordPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { listKeys, projectFor, revokeKey } from '@/lib/projects';

/** Revokes the key at once: its next request is refused. */
const path = projectRecordPath('keyId', 'key');

export const DELETE = route({ auth: 'user', permission: 'keys:manage', params: path }, async ({ actor, params }) => {
  const project = await projectFor(actor, params.id);
  const keyId = params.keyId;
  if (!(await listKeys(getDb(), project.id)).some((k) => k.id === keyId)) {
    throw notFound(`no key "${keyId.slice(0, 60)}" in this project`);
  }
  return { key: await revokeKey(getDb(), actorName(actor), keyId) };
});
