'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useDataOverview } from '@/lib/hooks/useOverview';
import { FormError } from '../ui/Form';
import { HomeEmpty } from './HomeEmpty';

/**
 * The dashboard home of an installation without data: how to send some, and the demo for
 * admins. Once data arrives (the demo loaded, a first metric sent) the page is rendered again
 * on the server, which then draws the Observatory view.
 */
export function Home({ canLoadDemo }: { canLoadDemo: boolean }) {
  const overview = useDataOverview();
  const router = useRouter();
  const hasData = (overview.data?.series ?? 0) > 0;
  useEffect(() => {
    if (hasData) router.refresh();
  }, [hasData, router]);
  return (
    <div className="space-y-6">
      <FormError message={overview.error && `Could not read what is stored: ${overview.error.message}`} />
      {(overview.isPending || hasData) && (
        <div className="h-64 animate-pulse rounded-xl bg-surface-muted" role="status" aria-label="Loading" />
      )}
      {overview.data && !hasData && <HomeEmpty canLoadDemo={canLoadDemo} />}
    </div>
  );
}
