import { actorName } from '@/lib/auth/permissions';
import { pathId } from '@/lib/alerts/http';
import { expireSilence } from '@/lib/alerts/store';
import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { param, projectFor } from '@/lib/projects';

/** Ends the silence now; it stays listed as history. */
export const DELETE = route({ auth: 'user', permission: 'rules:manage' }, async ({ actor, params }) => {
  const project = await projectFor(actor, param(params, 'id'));
  return {
    silence: await expireSilence(getDb(), actorName(actor), project.id, pathId(params, 'silenceId', 'silence')),
  };
});
