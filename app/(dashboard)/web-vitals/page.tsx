import type { Metadata } from 'next';
import { ViewNotReady } from '@/components/shell/ViewNotReady';

export const metadata: Metadata = { title: 'Web Vitals' };

export default function WebVitalsPage() {
  return (
    <ViewNotReady
      href="/web-vitals"
      needs="It needs beacons from the browser tracker, which this version does not serve yet."
      willShow={[
        'LCP, INP, CLS, FCP and TTFB at p75 over time, with a p75, p90, p95 and p99 selector',
        'Breakdowns by page route and device, and distribution histograms',
        'The worst pages with the element or interaction responsible',
      ]}
    />
  );
}
