'use client';

import { FlaskConical, Loader2 } from 'lucide-react';
import { useDemoProgress, useLoadDemo } from '@/lib/hooks/useOverview';
import { Button, FormError } from '../ui/Form';

/** Demo data is for admins to load (it creates a project); everyone else is told who can. */
export function HomeDemo({ canLoad }: { canLoad: boolean }) {
  const load = useLoadDemo();
  const progress = useDemoProgress(load.isPending).data ?? null;
  const share = progress && progress.hours > 0 ? progress.hoursDone / progress.hours : null;
  return (
    <section aria-label="Demo data" className="space-y-3 border-t border-border pt-4">
      <h3 className="text-sm font-semibold text-fg">Or look around with demo data</h3>
      <p className="text-sm text-fg-muted">
        Two days of a sample shop in a project named <span className="font-medium text-fg">Demo shop</span>: up to 25
        requests a second to a dozen routes with three slow ones and one incident, Core Web Vitals per page and device,
        infrastructure gauges and business metrics.{' '}
        {canLoad ? 'Delete the project to remove it.' : 'An admin can load it.'}
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
          {load.isPending && (
            <div className="flex min-w-0 flex-1 items-center gap-3">
              <div
                role="progressbar"
                aria-label="Demo data written"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={share === null ? undefined : Math.round(share * 100)}
                className="h-1.5 w-40 overflow-hidden rounded bg-surface-muted"
              >
                <div
                  className={`h-full bg-accent ${share === null ? 'w-1/3 animate-pulse' : 'transition-[width]'}`}
                  style={share === null ? undefined : { width: `${Math.max(2, share * 100)}%` }}
                />
              </div>
              <p className="text-xs text-fg-muted" aria-live="polite" data-testid="demo-progress">
                {progress
                  ? `Hour ${progress.hoursDone} of ${progress.hours} written`
                  : 'Writing the history straight into the stored model…'}
              </p>
            </div>
          )}
        </div>
      )}
      <FormError message={load.error && `Could not load demo data: ${load.error.message}`} />
    </section>
  );
}
