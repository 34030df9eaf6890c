import { z } from 'zod';
import { actorName } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db';
import { projectPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { deleteProject, projectFor, updateProject } from '@/lib/projects';
import { allowedOrigins, projectName } from '@/lib/projects/validation';

export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', params: projectPath },
  async ({ actor, params }) => ({
    project: await projectFor(actor, params.id),
  }),
);

const changes = z.strictObject({ name: projectName.optional(), allowedOrigins: allowedOrigins.optional() });

export const PATCH = route(
  { auth: 'user', permission: 'projects:manage', params: projectPath, body: changes, maxBodyBytes: 16_384 },
  async ({ actor, params, body }) => ({
    project: await updateProject(getDb(), actorName(actor), params.id, body),
  }),
);

export const DELETE = route(
  { auth: 'user', permission: 'projects:manage', params: projectPath },
  async ({ actor, params }) => {
    await deleteProject(getDb(), actorName(actor), params.id);
    return { deleted: true };
  },
);
