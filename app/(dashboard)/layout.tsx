import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/AppShell';
import { requireUser } from '@/lib/auth/page';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return <AppShell user={{ name: user.name, email: user.email, role: user.role }}>{children}</AppShell>;
}
