import { z } from 'zod';
import { actorName } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db';
import { projectPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { createKey, listKeys, projectFor } from '@/lib/projects';
import { adminScopes, keyKind, keyName } from '@/lib/projects/validation';

export const GET = route(
  { auth: 'user', permission: 'keys:manage', params: projectPath },
  async ({ actor, params }) => {
    const project = await projectFor(actor, params.id);
    return { keys: await listKeys(getDb(), project.id) };
  },
);

const newKey = z.strictObject({ kind: keyKind, name: keyName, scopes: adminScopes.optional() });

/** The key is in this answer once, in clear; afterwards only its prefix is shown. */
export const POST = route(
  { auth: 'user', permission: 'keys:manage', params: projectPath, body: newKey, maxBodyBytes: 4096 },
  async ({ actor, params, body }) => {
    const project = await projectFor(actor, params.id);
    const { key, record } = await createKey(getDb(), actorName(actor), { project: project.id, ...body });
    return Response.json({ key, record }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  },
);
