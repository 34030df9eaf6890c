/**
 * Authentication's public face for the app: the better-auth instance for a request's origin,
 * the signed-in user behind a request's cookies, and whether the first-run setup is still open.
 */
import 'server-only';
import { getConfig } from '../config';
import { getDb } from '../db';
import { requestOrigin } from '../http/origin';
import { createAuth, ROLES, type Auth, type Role } from './auth';
import type { UserActor } from './permissions';
import { getPreferences, type Preferences } from './preferences';
import { resolveAuthSecret } from './secret';
import { getUser, type UserView } from './users';

export { ROLES, type Role } from './auth';

type HeaderSource = Pick<Headers, 'get'>;

const globalForAuth = globalThis as unknown as {
  observatoryAuth?: Map<string, Auth>;
  observatorySecret?: string;
  observatoryHasUsers?: boolean;
};

/** Instances per origin (cookies are Secure on https origins); bounded, as Host is client-chosen. */
const MAX_INSTANCES = 16;

function secret(): string {
  const config = getConfig();
  globalForAuth.observatorySecret ??= resolveAuthSecret(config.AUTH_SECRET, config.database);
  return globalForAuth.observatorySecret;
}

/** The origin sign-in and cookies are bound to for these request headers. */
export function originOf(headers: HeaderSource): string {
  return requestOrigin(headers, getConfig().PUBLIC_URL) ?? 'http://localhost';
}

export function getAuth(origin: string): Auth {
  const instances = (globalForAuth.observatoryAuth ??= new Map());
  let auth = instances.get(origin);
  if (!auth) {
    if (instances.size >= MAX_INSTANCES) instances.clear();
    auth = createAuth(getDb(), {
      provider: getConfig().database.provider,
      secret: secret(),
      baseURL: origin,
      trustedOrigins: [origin],
    });
    instances.set(origin, auth);
  }
  return auth;
}

function asRole(value: unknown): Role {
  return ROLES.includes(value as Role) ? (value as Role) : 'viewer';
}

/** The signed-in user for a request's cookies, or null (no cookie, expired, signed out, deleted). */
export async function currentUser(headers: Headers): Promise<UserActor | null> {
  if (!headers.get('cookie')) return null;
  // Sessions last 7 days from sign-in: the cookie is not re-issued on reads, so extending the
  // stored session would only cost a write per request.
  const session = await getAuth(originOf(headers)).api.getSession({ headers, query: { disableRefresh: true } });
  if (!session) return null;
  const { user } = session;
  return { type: 'user', id: user.id, email: user.email, name: user.name, role: asRole(user.role) };
}

/** Whether any user exists; once true it stays true for the process (users are never all removed). */
export async function hasUsers(): Promise<boolean> {
  if (globalForAuth.observatoryHasUsers) return true;
  const exists = (await getDb().user.count()) > 0;
  if (exists) globalForAuth.observatoryHasUsers = true;
  return exists;
}

/** The signed-in user's own account, for their settings page (pages do not hold the database handle). */
export function accountOf(userId: string): Promise<UserView> {
  return getUser(getDb(), userId);
}

/** A user's display preferences, for the dashboard's layout. */
export function userPreferences(userId: string): Promise<Preferences> {
  return getPreferences(getDb(), userId);
}
