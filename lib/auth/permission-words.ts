/**
 * What each permission lets a person do, in words, for the reason a dashboard control is
 * disabled ("Viewers cannot change alert rules, channels or silences"). Who holds which
 * permission stays in permissions.ts alone.
 */
import type { Role } from './auth';
import type { Permission } from './permissions';

const DOES: Record<Permission, string> = {
  'dashboards:read': 'read dashboards',
  'rules:manage': 'change alert rules, channels or silences',
  'policies:manage': 'change scaling policies',
  'cache:manage': 'clear or warm caches',
  'optimizer:manage': "change recommendations or the optimizer's thresholds",
  'projects:manage': 'create, change or delete projects',
  'keys:manage': 'manage API keys',
  'shares:manage': 'manage share links',
  'users:manage': 'manage users',
  'audit:read': 'read the audit log',
  'demo:load': 'load demo data',
  'metrics:write': 'write metrics',
};

const PLURAL: Record<Role, string> = { admin: 'Admins', member: 'Members', viewer: 'Viewers' };

/** Why `role` may not take an action that needs `permission`. */
export function deniedReason(role: Role, permission: Permission): string {
  return `${PLURAL[role]} cannot ${DOES[permission]}`;
}
