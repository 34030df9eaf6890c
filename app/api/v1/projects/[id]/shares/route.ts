import { z } from 'zod';
import { originOf } from '@/lib/auth';
import { actorName } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db';
import { projectPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';
import { createShare, listShares, shareName } from '@/lib/shares/store';

export const GET = route(
  { auth: 'user', permission: 'shares:manage', params: projectPath },
  async ({ actor, params }) => {
    const project = await projectFor(actor, params.id);
    return { shares: await listShares(getDb(), project.id) };
  },
);

/** The link is in this answer once; afterwards only its prefix is shown. */
export const POST = route(
  {
    auth: 'user',
    permission: 'shares:manage',
    params: projectPath,
    body: z.strictObject({ name: shareName }),
    maxBodyBytes: 4096,
  },
  async ({ req, actor, params, body }) => {
    const project = await projectFor(actor, params.id);
    const { token, share } = await createShare(getDb(), actorName(actor), project.id, body);
    const url = `${originOf(req.headers)}/share/${token}`;
    return Response.json({ url, share }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  },
);
