import { describe, expect, it } from 'vitest';
import { ROLES } from '@/lib/auth/auth';
import {
  actorName,
  can,
  canAccessProject,
  PERMISSIONS,
  permissionsOf,
  roleCan,
  type KeyActor,
  type Permission,
  type UserActor,
} from '@/lib/auth/permissions';

const user = (role: UserActor['role']): UserActor => ({ type: 'user', id: 'u', email: 'u@x.co', name: 'U', role });
const key = (kind: KeyActor['kind'], scopes: string[] = []): KeyActor => ({
  type: 'key',
  id: 'k',
  prefix: 'obs_adm_abcd',
  projectId: 'p1',
  kind,
  scopes,
});

describe('permissions', () => {
  it('give admins everything people can do, members the operational work, viewers only reading', () => {
    const people = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => p !== 'metrics:write');
    expect(permissionsOf('admin').sort()).toEqual(people.sort());
    expect(permissionsOf('member').sort()).toEqual([
      'cache:manage',
      'dashboards:read',
      'optimizer:manage',
      'policies:manage',
      'rules:manage',
    ]);
    expect(permissionsOf('viewer')).toEqual(['dashboards:read']);
    for (const role of ROLES) expect(roleCan(role, 'metrics:write')).toBe(false);
  });

  it('give keys only what their kind and scopes grant', () => {
    expect(can(key('ingest'), 'metrics:write')).toBe(true);
    expect(can(key('ingest'), 'dashboards:read')).toBe(false);
    expect(can(key('admin', ['performance:read']), 'dashboards:read')).toBe(true);
    expect(can(key('admin', ['performance:read']), 'cache:manage')).toBe(false);
    expect(can(key('admin', ['performance:write']), 'cache:manage')).toBe(true);
    expect(can(key('admin', ['performance:write']), 'metrics:write')).toBe(false);
    // A scope string that is not a scope (a tampered row) grants nothing.
    expect(can(key('admin', ['users:manage', '__proto__', 'constructor']), 'users:manage')).toBe(false);
    for (const p of ['users:manage', 'keys:manage', 'projects:manage', 'audit:read'] as Permission[]) {
      expect(can(key('admin', ['performance:read', 'performance:write']), p)).toBe(false);
    }
  });

  it('keep keys inside their own project', () => {
    expect(canAccessProject(key('admin', ['performance:read']), 'p1')).toBe(true);
    expect(canAccessProject(key('admin', ['performance:read']), 'p2')).toBe(false);
    expect(canAccessProject(user('viewer'), 'p2')).toBe(true);
  });

  it('name actors in the audit log without secrets', () => {
    expect(actorName(user('admin'))).toBe('user:u@x.co');
    expect(actorName(key('admin'))).toBe('key:obs_adm_abcd');
  });
});
