import { NotReadyCard } from '../ui/NotReadyCard';
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
      <NotReadyCard title={`${item.label} is not available yet`}>
        <p className="text-sm text-fg-muted">{needs}</p>
        <div>
          <p className="text-sm font-medium text-fg">When it is, this view will show:</p>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-fg-muted">
            {willShow.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      </NotReadyCard>
    </>
  );
}
