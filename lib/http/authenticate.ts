/**
 * Who is calling: a signed-in user (session cookie) or a project key (x-api-key, or
 * Authorization: Bearer). Route handlers never do this themselves; route() does it from the
 * `auth` and `permission` they declare.
 */
import 'server-only';
import { currentUser } from '../auth';
import { actorName, can, type Actor, type KeyActor, type Permission, type UserActor } from '../auth/permissions';
import { getConfig } from '../config';
import { getDb } from '../db';
import { verifyKey } from '../projects/store';
import { forbidden, unauthorized } from './errors';
import { isSameOrigin } from './origin';

/**
 * public: anyone (an explicit, reviewed list: tests/unit/routes.test.ts);
 * user: a signed-in user; key: a project key; user-or-key: either.
 */
export type AuthMode = 'public' | 'user' | 'key' | 'user-or-key';

export type ActorFor<A extends AuthMode> = A extends 'public'
  ? null
  : A extends 'user'
    ? UserActor
    : A extends 'key'
      ? KeyActor
      : Actor;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The key a request presents, if any. */
export function presentedKey(req: Request): string | null {
  const header = req.headers.get('x-api-key');
  if (header) return header.trim();
  const authorization = req.headers.get('authorization');
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i);
  return bearer ? bearer[1]! : null;
}

async function keyActor(presented: string): Promise<KeyActor> {
  const kind = presented.startsWith('obs_ing_') ? 'ingest' : 'admin';
  const found = await verifyKey(getDb(), presented, kind);
  if (!found) throw unauthorized('the API key is invalid or has been revoked');
  const { key, projectId } = found;
  return { type: 'key', id: key.id, prefix: key.prefix, projectId, kind: key.kind, scopes: key.scopes };
}

/** Refuses a cookie-authenticated mutation unless its Origin header is this site's (CSRF). */
export function requireSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  if (!isSameOrigin(req.headers, getConfig().PUBLIC_URL)) {
    throw forbidden('cross-site request refused: the Origin header must be this site');
  }
}

export async function authenticate(req: Request, mode: AuthMode, permission?: Permission): Promise<Actor | null> {
  if (mode === 'public') return null;
  const key = mode === 'user' ? null : presentedKey(req);
  let actor: Actor;
  if (key) {
    actor = await keyActor(key);
  } else if (mode === 'key') {
    throw unauthorized('send a project API key in the x-api-key header');
  } else {
    const user = await currentUser(req.headers);
    if (!user) {
      throw unauthorized(
        mode === 'user' && presentedKey(req) ? 'sign in: API keys are not accepted here' : 'sign in first',
      );
    }
    requireSameOrigin(req);
    actor = user;
  }
  if (permission && !can(actor, permission)) {
    throw forbidden(
      actor.type === 'user'
        ? `your role (${actor.role}) does not allow "${permission}"`
        : `this ${actor.kind} key does not allow "${permission}"`,
    );
  }
  return actor;
}

export { actorName };
