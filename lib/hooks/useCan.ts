'use client';

import { createContext, useContext } from 'react';
import type { Role } from '@/lib/auth/auth';
import { deniedReason } from '@/lib/auth/permission-words';
import type { Permission } from '@/lib/auth/permissions';

/**
 * The signed-in user's role and permissions, decided on the server from lib/auth/permissions.ts
 * by the dashboard layout and provided once by the shell. Controls use it to show what the user
 * may do; the API checks every request again on its own.
 */
export type Access = { role: Role; permissions: readonly Permission[] };

/** Outside the shell (no provider), nothing is allowed. */
export const AccessContext = createContext<Access>({ role: 'viewer', permissions: [] });

export function useCan(permission: Permission): boolean {
  return useContext(AccessContext).permissions.includes(permission);
}

/** Why the user may not do what `permission` covers, or null when they may. */
export function useDenied(permission: Permission): string | null {
  const access = useContext(AccessContext);
  return access.permissions.includes(permission) ? null : deniedReason(access.role, permission);
}
