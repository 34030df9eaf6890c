import { actorName } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { param, projectFor } from '@/lib/projects';
import { revokeShare } from '@/lib/shares/store';

export const DELETE = route({ auth: 'user', permission: 'shares:manage' }, async ({ actor, params }) => {
  const project = await projectFor(actor, param(params, 'id'));
  return { share: await revokeShare(getDb(), actorName(actor), project.id, param(params, 'shareId')) };
});
