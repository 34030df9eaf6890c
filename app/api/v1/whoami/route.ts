import { route } from '@/lib/http/route';

/** Who the request authenticates as: a quick check that a key works and what it may do. */
export const GET = route({ auth: 'user-or-key' }, ({ actor }) =>
  actor.type === 'user'
    ? { type: 'user', user: { id: actor.id, email: actor.email, name: actor.name, role: actor.role } }
    : {
        type: 'key',
        key: { id: actor.id, prefix: actor.prefix, kind: actor.kind, scopes: actor.scopes, projectId: actor.projectId },
      },
);
