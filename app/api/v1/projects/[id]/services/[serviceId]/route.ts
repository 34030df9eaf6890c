import { actorName } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db';
import { projectRecordPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';
import { deleteService } from '@/lib/services';

const path = projectRecordPath('serviceId', 'service');

/** Removes the record only (its data stays); a service that still sends is recorded again within a minute. */
export const DELETE = route(
  { auth: 'user', permission: 'projects:manage', params: path },
  async ({ actor, params }) => {
    const project = await projectFor(actor, params.id);
    await deleteService(getDb(), actorName(actor), project.id, params.serviceId);
    return { deleted: true };
  },
);
