/**
 * For tests that call route handlers in their own process: the process's configuration pointed at
 * a fresh, migrated database (no Redis, no jobs, no self-monitoring), and users signed in as the
 * browser would be, each with the cookie header their requests carry.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl } from '@/lib/db/url';
import type { TestDatabase } from './services';

export const ROUTE_ORIGIN = 'http://localhost:3000';

/** Migrates `database` and makes it the process's database; answers the process's client (getDb). */
export async function routeProcess(database: TestDatabase, env: Record<string, string> = {}): Promise<Db> {
  await migrate(parseDatabaseUrl(database.url));
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    REDIS_URL: '',
    PUBLIC_URL: ROUTE_ORIGIN,
    AUTH_SECRET: randomBytes(32).toString('hex'),
    JOBS_ENABLED: 'false',
    SELF_MONITORING: 'false',
    ...env,
  });
  const { getDb } = await import('@/lib/db');
  return getDb();
}

/** Creates a user with `role` and signs them in: the Cookie header of their session. */
export async function signedInUser(
  db: Db,
  user: { email: string; name: string; password: string },
  role: 'admin' | 'member' | 'viewer',
): Promise<string> {
  const { getAuth } = await import('@/lib/auth');
  const { createUser } = await import('@/lib/auth/users');
  await createUser(getAuth(ROUTE_ORIGIN), db, 'test', { ...user, role });
  const signedIn = await getAuth(ROUTE_ORIGIN).api.signInEmail({ body: user, asResponse: true });
  return signedIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}
