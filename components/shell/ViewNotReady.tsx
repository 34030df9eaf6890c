import { Construction } from 'lucide-react';
import { Badge } from '../ui/Badge';
import { Card } from '../ui/Card';
import { PageHeader } from '../ui/PageHeader';
import { navItem } from './nav';

/**
 * What a view shows before its data source exists: an honest statement, never sample numbers.
 */
export function ViewNotReady({ href, willShow, needs }: { href: string; willShow: string[]; needs: string }) {
  const item = navItem(href);
  return (
    <>
      <PageHeader title={item.label} summary={item.summary} />
      <Card>
        <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
          <div className="flex h-10 w-10 shrink-0 items-center justify-center rounded-lg bg-surface-muted text-fg-muted">
            <Construction className="h-5 w-5" aria-hidden />
          </div>
          <div className="min-w-0 space-y-3">
            <div className="flex flex-wrap items-center gap-2">
              <h2 className="text-base font-semibold text-fg">{item.label} is not available yet</h2>
              <Badge>Not available</Badge>
            </div>
            <p className="text-sm text-fg-muted">{needs}</p>
            <div>
              <p className="text-sm font-medium text-fg">When it is, this view will show:</p>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-fg-muted">
                {willShow.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
          </div>
        </div>
      </Card>
    </>
  );
}
