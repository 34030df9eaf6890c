import { z } from 'zod';
import { actorName } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { createProject, listProjects } from '@/lib/projects';
import { allowedOrigins, projectName, projectSlug } from '@/lib/projects/validation';

export const GET = route({ auth: 'user-or-key', permission: 'dashboards:read' }, async ({ actor }) => {
  const projects = await listProjects(getDb());
  return { projects: actor.type === 'key' ? projects.filter((p) => p.id === actor.projectId) : projects };
});

const newProject = z.strictObject({
  name: projectName,
  slug: projectSlug.optional(),
  allowedOrigins: allowedOrigins.optional(),
});

export const POST = route(
  { auth: 'user', permission: 'projects:manage', body: newProject, maxBodyBytes: 16_384 },
  async ({ actor, body }) =>
    Response.json({ project: await createProject(getDb(), actorName(actor), body) }, { status: 201 }),
);
