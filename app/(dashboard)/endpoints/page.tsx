import type { Metadata } from 'next';
import { ViewNotReady } from '@/components/shell/ViewNotReady';

export const metadata: Metadata = { title: 'Endpoints' };

export default function EndpointsPage() {
  return (
    <ViewNotReady
      href="/endpoints"
      needs="It needs request metrics from your services, which this version cannot receive yet."
      willShow={[
        'Every route with requests, requests per second, error rate, p50, p95, p99 and a trend',
        'Per route: percentiles over time, a latency histogram, status codes and database time',
        'Sorting and filtering by service and method',
      ]}
    />
  );
}
