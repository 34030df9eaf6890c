import type { Metadata } from 'next';
import { ViewNotReady } from '@/components/shell/ViewNotReady';

export const metadata: Metadata = { title: { absolute: 'Observatory' } };

export default function ObservatoryPage() {
  return (
    <ViewNotReady
      href="/"
      needs="It needs metrics from your services and browsers, which this version cannot receive yet."
      willShow={[
        'Response time p50, p95 and p99 against your budgets, throughput, error rate and Apdex',
        'Core Web Vitals at p75 with good, needs-improvement and poor shares, and a performance score',
        'Infrastructure health: CPU, memory, database connections, cache hit rate and queues',
        'Business metrics your services report, and the alerts that are firing',
      ]}
    />
  );
}
