import type { Metadata } from 'next';
import { AlertsView } from '@/components/alerts/AlertsView';
import { navItem } from '@/components/shell/nav';
import { PageHeader } from '@/components/ui/PageHeader';

export const metadata: Metadata = { title: 'Alerts' };
export const dynamic = 'force-dynamic';

export default function AlertsPage() {
  const item = navItem('/alerts');
  return (
    <>
      <PageHeader title={item.label} summary={item.summary} />
      <AlertsView />
    </>
  );
}
