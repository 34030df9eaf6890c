import { z } from 'zod';
import { recordAudit } from '../audit/store';
import type { Db } from '../db/client';
import { conflict, invalid, notFound } from '../http/errors';
import { parseInput } from '../http/issues';
import { printable } from '../projects/validation';
import type { Auth } from './auth';
import { PASSWORD_MAX, PASSWORD_MIN, ROLES, type Role } from './auth';

export const newUser = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, 'email must not be empty')
    .max(254, 'email must be at most 254 characters')
    .pipe(z.email('email is not a valid address')),
  name: printable('name', 100),
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

export const userChanges = z.strictObject({
  name: printable('name', 100).optional(),
  role: z.enum(ROLES).optional(),
});

function userView(u: { id: string; email: string; name: string; role: string | null; createdAt: Date }): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: (ROLES as readonly string[]).includes(u.role ?? '') ? (u.role as Role) : 'viewer',
    createdAt: u.createdAt,
  };
}

export async function getUser(db: Db, userId: string): Promise<UserView> {
  const row = await db.user.findUnique({ where: { id: userId } });
  if (!row) throw notFound(`no user "${userId.slice(0, 60)}"`);
  return userView(row);
}

export async function listUsers(db: Db): Promise<UserView[]> {
  return (await db.user.findMany({ orderBy: { createdAt: 'asc' } })).map(userView);
}

async function otherAdmins(db: Db, userId: string): Promise<number> {
  return db.user.count({ where: { role: 'admin', id: { not: userId } } });
}

/** Renames a user or changes their role. The last admin cannot stop being one. */
export async function updateUser(db: Db, actor: string, userId: string, input: unknown): Promise<UserView> {
  const changes = parseInput(userChanges, input);
  const existing = await db.user.findUnique({ where: { id: userId } });
  if (!existing) throw notFound(`no user "${userId.slice(0, 60)}"`);
  if (changes.role && changes.role !== 'admin' && existing.role === 'admin' && (await otherAdmins(db, userId)) === 0) {
    throw invalid('role: the last admin cannot be demoted; make another user an admin first');
  }
  return db.$transaction(async (tx) => {
    const updated = await tx.user.update({ where: { id: userId }, data: changes });
    await recordAudit(tx, {
      actor,
      action: 'user.update',
      target: `user:${userId}`,
      details: { email: existing.email, ...changes },
    });
    // A changed role applies at once: sessions read the user on every request.
    return userView(updated);
  });
}

/** Removes a user and ends their sessions. Nobody removes themselves or the last admin. */
export async function deleteUser(db: Db, actor: string, actorId: string | null, userId: string): Promise<void> {
  const existing = await db.user.findUnique({ where: { id: userId } });
  if (!existing) throw notFound(`no user "${userId.slice(0, 60)}"`);
  if (userId === actorId) throw conflict('you cannot remove yourself; another admin can');
  if (existing.role === 'admin' && (await otherAdmins(db, userId)) === 0) {
    throw conflict('the last admin cannot be removed');
  }
  await db.$transaction(async (tx) => {
    await tx.user.delete({ where: { id: userId } });
    await recordAudit(tx, {
      actor,
      action: 'user.delete',
      target: `user:${userId}`,
      details: { email: existing.email },
    });
  });
}
