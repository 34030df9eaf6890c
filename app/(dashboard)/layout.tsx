import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/AppShell';
import { requireUser } from '@/lib/auth/page';
import { permissionsOf } from '@/lib/auth/permissions';
import { getConfig } from '@/lib/config';
import { requestOrigin } from '@/lib/http/origin';
import { admitSelfOrigin } from '@/lib/selfmon';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  // The address a signed-in user reached Observatory at may send its own pages' vitals.
  await admitSelfOrigin(requestOrigin(await headers(), getConfig().PUBLIC_URL));
  return (
    <AppShell
      user={{ name: user.name, email: user.email, role: user.role }}
      access={{ role: user.role, permissions: permissionsOf(user.role) }}
    >
      {children}
    </AppShell>
  );
}
