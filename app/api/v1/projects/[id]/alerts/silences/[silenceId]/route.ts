import { actorName } from '@/lib/auth/permissions';
import { expireSilence } from '@/lib/alerts/store';
import { getDb } from '@/lib/db';
import { projectRecordPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';

/** Ends the silence now; it stays listed as history. */
const path = projectRecordPath('silenceId', 'silence');

export const DELETE = route({ auth: 'user', permission: 'rules:manage', params: path }, async ({ actor, params }) => {
  const project = await projectFor(actor, params.id);
  return {
    silence: await expireSilence(getDb(), actorName(actor), project.id, params.silenceId),
  };
});
