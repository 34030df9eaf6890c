/**
 * The first admin: created once, by the first-run setup page or, for unattended installs, from
 * ADMIN_EMAIL/ADMIN_PASSWORD at start. A marker row makes the setup happen exactly once even when
 * two requests (or two instances) race for it.
 */
import type { Db } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { ApiError } from '../http/errors';
import { parseInput } from '../http/issues';
import type { Auth } from './auth';
import { createUser, newUser, type UserView } from './users';

const SETUP_MARKER = 'setup.completedAt';

export const setupInput = newUser.omit({ role: true });

const closed = () => new ApiError(409, 'setup_complete', 'setup is already complete: sign in instead');

export async function setupOpen(db: Db): Promise<boolean> {
  return (await db.user.count()) === 0;
}

/** Creates the first admin, or refuses with 409 once any user exists. */
export async function completeSetup(auth: Auth, db: Db, actor: string, input: unknown): Promise<UserView> {
  const fields = parseInput(setupInput, input);
  if (!(await setupOpen(db))) throw closed();
  try {
    await db.instanceSetting.create({ data: { key: SETUP_MARKER, value: new Date().toISOString() } });
  } catch (err) {
    if (isUniqueViolation(err)) throw closed();
    throw err;
  }
  try {
    return await createUser(auth, db, actor, { ...fields, role: 'admin' });
  } catch (err) {
    await db.instanceSetting.delete({ where: { key: SETUP_MARKER } }).catch(() => {});
    throw err;
  }
}

/**
 * ADMIN_EMAIL/ADMIN_PASSWORD: creates that admin while no user exists; does nothing afterwards,
 * so the variables can stay set. Returns the email it created, or null.
 */
export async function bootstrapAdmin(
  auth: Auth,
  db: Db,
  credentials: { email?: string; password?: string },
): Promise<string | null> {
  if (!credentials.email || !credentials.password) return null;
  if (!(await setupOpen(db))) return null;
  try {
    const user = await completeSetup(auth, db, 'system', {
      email: credentials.email,
      name: credentials.email.split('@')[0],
      password: credentials.password,
    });
    return user.email;
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) return null;
    throw err;
  }
}
