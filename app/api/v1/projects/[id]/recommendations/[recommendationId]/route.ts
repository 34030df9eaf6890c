import { actorName } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db';
import { notFound } from '@/lib/http/errors';
import { projectRecordPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { setStatus } from '@/lib/optimizer';
import { statusChange } from '@/lib/optimizer/schema';
import { projectFor } from '@/lib/projects';

const path = projectRecordPath('recommendationId', 'recommendation');

/** A recommendation's status: open, in_progress, fixed, dismissed, or snoozed with `snoozedUntil`. */
export const PATCH = route(
  { auth: 'user', permission: 'optimizer:manage', params: path, body: statusChange },
  async ({ actor, params, body }) => {
    const project = await projectFor(actor, params.id);
    const id = /^[1-9][0-9]{0,9}$/.test(params.recommendationId) ? Number(params.recommendationId) : NaN;
    if (!Number.isSafeInteger(id)) throw notFound('no such recommendation in this project');
    return { recommendation: await setStatus(getDb(), actorName(actor), project.id, id, body) };
  },
);
