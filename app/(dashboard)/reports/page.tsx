import type { Metadata } from 'next';
import { ViewNotReady } from '@/components/shell/ViewNotReady';

export const metadata: Metadata = { title: 'Reports' };

export default function ReportsPage() {
  return (
    <ViewNotReady
      href="/reports"
      needs="It needs stored metrics to export, which this version cannot receive yet."
      willShow={[
        'CSV and PDF exports of any view and period',
        'A Prometheus endpoint for your existing Grafana',
        'Scheduled reports by email',
      ]}
    />
  );
}
