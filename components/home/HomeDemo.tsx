'use client';

import { FlaskConical, Loader2 } from 'lucide-react';
import { useLoadDemo } from '@/lib/hooks/useOverview';
import { Button, FormError } from '../ui/Form';

/** Demo data is for admins to load (it creates a project); everyone else is told who can. */
export function HomeDemo({ canLoad }: { canLoad: boolean }) {
  const load = useLoadDemo();
  return (
    <section aria-label="Demo data" className="space-y-3 border-t border-border pt-4">
      <h3 className="text-sm font-semibold text-fg">Or look around with demo data</h3>
      <p className="text-sm text-fg-muted">
        Two days of a sample shop in a project named <span className="font-medium text-fg">Demo shop</span>: requests to
        a dozen routes with three slow ones and one incident, Core Web Vitals per page and device, infrastructure gauges
        and business metrics. {canLoad ? 'Delete the project to remove it.' : 'An admin can load it.'}
      </p>
      {canLoad && (
        <div className="flex flex-wrap items-center gap-3">
          <Button onClick={() => load.mutate()} disabled={load.isPending}>
            {load.isPending ? (
              <Loader2 className="h-4 w-4 animate-spin" aria-hidden />
            ) : (
              <FlaskConical className="h-4 w-4" aria-hidden />
            )}
            {load.isPending ? 'Loading demo data…' : 'Load demo data'}
          </Button>
          <p className="text-xs text-fg-muted" aria-live="polite">
            {load.isPending ? 'Writing through the ingestion path; this takes a few seconds.' : ''}
          </p>
        </div>
      )}
      <FormError message={load.error && `Could not load demo data: ${load.error.message}`} />
    </section>
  );
}
