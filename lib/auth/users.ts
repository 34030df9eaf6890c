import { z } from 'zod';
import { recordAudit } from '../audit/store';
import type { Db } from '../db/client';
import { conflict } from '../http/errors';
import { parseInput } from '../http/issues';
import type { Auth } from './auth';
import { PASSWORD_MAX, PASSWORD_MIN, ROLES, type Role } from './auth';

export const newUser = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, 'email must be at most 254 characters')
    .pipe(z.email('email is not a valid address')),
  name: z
    .string()
    .trim()
    .min(1, 'name must not be empty')
    .max(100, 'name must be at most 100 characters')
    .regex(/^[^\p{Cc}\p{Cf}]+$/u, 'name must not contain control characters'),
  password: z
    .string()
    .min(PASSWORD_MIN, `password must be at least ${PASSWORD_MIN} characters`)
    .max(PASSWORD_MAX, `password must be at most ${PASSWORD_MAX} characters`),
  role: z.enum(ROLES),
});

export type UserView = { id: string; email: string; name: string; role: Role; createdAt: Date };

/** Creates a user who can sign in with email and password; the password is stored as a scrypt hash. */
export async function createUser(auth: Auth, db: Db, actor: string, input: unknown): Promise<UserView> {
  const { email, name, password, role } = parseInput(newUser, input);
  if (await db.user.findUnique({ where: { email } })) throw conflict(`a user with the email ${email} already exists`);
  const { user } = await auth.api.createUser({ body: { email, name, password, role } });
  await recordAudit(db, { actor, action: 'user.create', target: `user:${user.id}`, details: { email, role } });
  return { id: user.id, email: user.email, name: user.name, role, createdAt: user.createdAt };
}

export async function countUsers(db: Db): Promise<number> {
  return db.user.count();
}
