import type { Metadata } from 'next';
import { ViewNotReady } from '@/components/shell/ViewNotReady';

export const metadata: Metadata = { title: 'Cache' };

export default function CachePage() {
  return (
    <ViewNotReady
      href="/cache"
      needs="It needs cache metrics from your services, which this version cannot receive yet."
      willShow={[
        'Hit rate over time per cache and service',
        'Warm, clear and invalidate actions, recorded in the audit log',
      ]}
    />
  );
}
