import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { getAuth, originOf } from '@/lib/auth';
import { actorName } from '@/lib/auth/permissions';
import { createUser, listUsers, newUser } from '@/lib/auth/users';
import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';

export const GET = route({ auth: 'user', permission: 'users:manage' }, async () => ({
  users: await listUsers(getDb()),
}));

const body = z.strictObject({ ...newUser.shape, password: newUser.shape.password.optional() });

/** Without a password one is generated and returned once, for the admin to hand over. */
export const POST = route(
  { auth: 'user', permission: 'users:manage', body, maxBodyBytes: 4096 },
  async ({ req, actor, body }) => {
    const password = body.password ?? randomBytes(18).toString('base64url');
    const user = await createUser(getAuth(originOf(req.headers)), getDb(), actorName(actor), { ...body, password });
    return Response.json(
      { user, ...(body.password === undefined && { password }) },
      { status: 201, headers: { 'Cache-Control': 'no-store' } },
    );
  },
);
