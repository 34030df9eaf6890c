import { Construction } from 'lucide-react';
import { Badge } from '../ui/Badge';
import { Card } from '../ui/Card';

const WILL_SHOW = [
  'Response time p50, p95 and p99 against your budgets, throughput, error rate and Apdex',
  'Core Web Vitals at p75 with good, needs-improvement and poor shares, and a performance score',
  'Infrastructure health: CPU, memory, database connections, cache hit rate and queues',
  'Business metrics your services report, and the alerts that are firing',
];

/** An honest statement of what the home's charts will show: none are drawn yet. */
export function HomePlans() {
  return (
    <Card>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <div className="flex h-10 w-10 shrink-0 items-center justify-center rounded-lg bg-surface-muted text-fg-muted">
          <Construction className="h-5 w-5" aria-hidden />
        </div>
        <div className="min-w-0 space-y-3">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="text-base font-semibold text-fg">The charts are not available yet</h2>
            <Badge>Not available</Badge>
          </div>
          <p className="text-sm text-fg-muted">This view will draw what your services and browsers send:</p>
          <ul className="list-disc space-y-1 pl-5 text-sm text-fg-muted">
            {WILL_SHOW.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      </div>
    </Card>
  );
}
