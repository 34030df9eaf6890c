import type { ReactNode } from 'react';
import { SettingsNav } from '@/components/settings/SettingsNav';
import { requireUser } from '@/lib/auth/page';
import { roleCan } from '@/lib/auth/permissions';

/** The Settings sections as tabs above every Settings page; each page still checks its own access. */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <SettingsNav showUsers={roleCan(user.role, 'users:manage')} showAudit={roleCan(user.role, 'audit:read')} />
      {children}
    </>
  );
}
