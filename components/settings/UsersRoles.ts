import type { Role } from '@/lib/hooks/useUsers';

/** What each role may do, in the words of lib/auth/permissions.ts; each role includes the one before it. */
export const ROLE_OPTIONS: { role: Role; label: string; can: string }[] = [
  { role: 'viewer', label: 'Viewer', can: 'Reads dashboards and projects.' },
  {
    role: 'member',
    label: 'Member',
    can: 'What a viewer can, and manages alert rules, scaling policies and the cache.',
  },
  {
    role: 'admin',
    label: 'Admin',
    can: 'What a member can, and manages projects, keys, share links and users, and reads the audit log.',
  },
];
