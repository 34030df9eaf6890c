import type { Metadata } from 'next';
import { ViewNotReady } from '@/components/shell/ViewNotReady';

export const metadata: Metadata = { title: 'Alerts' };

export default function AlertsPage() {
  return (
    <ViewNotReady
      href="/alerts"
      needs="It needs metrics to evaluate, which this version cannot receive yet."
      willShow={[
        'Firing and pending alerts with acknowledge, resolve and silence',
        'A rule editor that replays a rule over the last 24 hours before you save it',
        'Notification channels (Slack, webhooks, email, PagerDuty) and their delivery log',
      ]}
    />
  );
}
