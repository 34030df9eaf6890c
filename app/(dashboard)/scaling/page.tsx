import type { Metadata } from 'next';
import { ViewNotReady } from '@/components/shell/ViewNotReady';

export const metadata: Metadata = { title: 'Scaling' };

export default function ScalingPage() {
  return (
    <ViewNotReady
      href="/scaling"
      needs="It needs load metrics and scaling policies, which this version does not have yet."
      willShow={[
        'Scaling policies per service: instance limits, targets and cooldowns',
        'Every scaling decision with the metrics and reasons behind it',
        'Load forecasts for the next 48 hours',
      ]}
    />
  );
}
