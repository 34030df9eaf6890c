import { cookies, headers } from 'next/headers';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/AppShell';
import { userPreferences } from '@/lib/auth';
import { requireUser } from '@/lib/auth/page';
import { permissionsOf } from '@/lib/auth/permissions';
import { getConfig } from '@/lib/config';
import { requestOrigin } from '@/lib/http/origin';
import { TIME_ZONE_COOKIE, zoneFor } from '@/lib/preferences';
import { admitSelfOrigin } from '@/lib/selfmon';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  // The address a signed-in user reached Observatory at may send its own pages' vitals.
  await admitSelfOrigin(requestOrigin(await headers(), getConfig().PUBLIC_URL));
  // Times in UTC, or in the zone the browser reported (checked; UTC until it has reported one).
  const { timeZone } = await userPreferences(user.id);
  const zone = zoneFor(timeZone, (await cookies()).get(TIME_ZONE_COOKIE)?.value);
  return (
    <AppShell
      user={{ name: user.name, email: user.email, role: user.role }}
      access={{ role: user.role, permissions: permissionsOf(user.role) }}
      time={{ preference: timeZone, zone }}
    >
      {children}
    </AppShell>
  );
}
