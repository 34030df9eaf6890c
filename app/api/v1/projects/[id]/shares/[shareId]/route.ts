import { actorName } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db';
import { projectRecordPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';
import { revokeShare } from '@/lib/shares/store';

const path = projectRecordPath('shareId', 'share link');

export const DELETE = route({ auth: 'user', permission: 'shares:manage', params: path }, async ({ actor, params }) => {
  const project = await projectFor(actor, params.id);
  return { share: await revokeShare(getDb(), actorName(actor), project.id, params.shareId) };
});
