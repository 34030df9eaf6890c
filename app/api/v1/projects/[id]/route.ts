import { z } from 'zod';
import { actorName } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { deleteProject, param, projectFor, updateProject } from '@/lib/projects';
import { allowedOrigins, projectName } from '@/lib/projects/validation';

export const GET = route({ auth: 'user-or-key', permission: 'dashboards:read' }, async ({ actor, params }) => ({
  project: await projectFor(actor, param(params, 'id')),
}));

const changes = z.strictObject({ name: projectName.optional(), allowedOrigins: allowedOrigins.optional() });

export const PATCH = route(
  { auth: 'user', permission: 'projects:manage', body: changes, maxBodyBytes: 16_384 },
  async ({ actor, params, body }) => ({
    project: await updateProject(getDb(), actorName(actor), param(params, 'id'), body),
  }),
);

export const DELETE = route({ auth: 'user', permission: 'projects:manage' }, async ({ actor, params }) => {
  await deleteProject(getDb(), actorName(actor), param(params, 'id'));
  return { deleted: true };
});
