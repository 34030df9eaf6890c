'use client';

import { useDataOverview } from '@/lib/hooks/useOverview';
import { FormError } from '../ui/Form';
import { HomeEmpty } from './HomeEmpty';
import { HomePlans } from './HomePlans';
import { HomeSummary } from './HomeSummary';

/** The dashboard home until its charts exist: how to send data when there is none, what is stored when there is. */
export function Home({ canLoadDemo }: { canLoadDemo: boolean }) {
  const overview = useDataOverview();
  return (
    <div className="space-y-6">
      <FormError message={overview.error && `Could not read what is stored: ${overview.error.message}`} />
      {overview.isPending && <div className="h-64 animate-pulse rounded-xl bg-surface-muted" aria-label="Loading" />}
      {overview.data &&
        (overview.data.series === 0 ? (
          <HomeEmpty canLoadDemo={canLoadDemo} />
        ) : (
          <HomeSummary overview={overview.data} />
        ))}
      <HomePlans />
    </div>
  );
}
