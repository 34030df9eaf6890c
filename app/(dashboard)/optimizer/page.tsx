import type { Metadata } from 'next';
import { ViewNotReady } from '@/components/shell/ViewNotReady';

export const metadata: Metadata = { title: 'Optimizer' };

export default function OptimizerPage() {
  return (
    <ViewNotReady
      href="/optimizer"
      needs="It needs a baseline of stored metrics, which this version cannot receive yet."
      willShow={[
        'Regressions: routes and pages more than 20% slower than their baseline',
        'Recommendations ranked by their expected impact, with the evidence behind each',
      ]}
    />
  );
}
