/**
 * Who may do what, by name. Users act through their role; keys through their kind and scopes,
 * and only on their own project. Every route states the permission it needs (lib/http/route.ts),
 * and pages hide what the viewer cannot do with the same table.
 *
 * Every signed-in user sees every project: an installation serves one team. Per-project
 * membership would narrow `canAccessProject`.
 */
import type { AdminScope, KeyKind } from '../projects/keys';
import type { Role } from './auth';

export const PERMISSIONS = {
  /** Dashboards, queries, projects' names and site ids. */
  'dashboards:read': ['admin', 'member', 'viewer'],
  /** Alert rules, silences and notification channels. */
  'rules:manage': ['admin', 'member'],
  /** Scaling policies. */
  'policies:manage': ['admin', 'member'],
  /** Cache actions (clear, warm). */
  'cache:manage': ['admin', 'member'],
  /** Recommendations' status (in progress, fixed, dismissed, snoozed), detector thresholds, detection on demand. */
  'optimizer:manage': ['admin', 'member'],
  /** Create, rename and delete projects, and set their allowed origins. */
  'projects:manage': ['admin'],
  /** Create, list and revoke ingest and admin keys. */
  'keys:manage': ['admin'],
  /** Create and revoke share links. */
  'shares:manage': ['admin'],
  /** Create users, change roles, remove users. */
  'users:manage': ['admin'],
  /** Read the audit log. */
  'audit:read': ['admin'],
  /** Create the demo project and write sample data into it. */
  'demo:load': ['admin'],
  /** Write metrics (ingest keys; no role holds it). */
  'metrics:write': [],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** What each key kind or admin scope grants, on its own project only. */
const KEY_GRANTS: Record<KeyKind | AdminScope, readonly Permission[]> = {
  ingest: ['metrics:write'],
  admin: [],
  'performance:read': ['dashboards:read'],
  'performance:write': ['dashboards:read', 'cache:manage'],
};

export type UserActor = { type: 'user'; id: string; email: string; name: string; role: Role };
export type KeyActor = { type: 'key'; id: string; prefix: string; projectId: string; kind: KeyKind; scopes: string[] };
export type Actor = UserActor | KeyActor;

export function roleCan(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function can(actor: Actor, permission: Permission): boolean {
  if (actor.type === 'user') return roleCan(actor.role, permission);
  const grants = [actor.kind, ...actor.scopes].flatMap((g) => KEY_GRANTS[g as KeyKind | AdminScope] ?? []);
  return grants.includes(permission);
}

/** Keys reach only their own project; users reach every project. */
export function canAccessProject(actor: Actor, projectId: string): boolean {
  return actor.type === 'user' || actor.projectId === projectId;
}

/** How the audit log names an actor. */
export function actorName(actor: Actor): string {
  return actor.type === 'user' ? `user:${actor.email}` : `key:${actor.prefix}`;
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => roleCan(role, p));
}
