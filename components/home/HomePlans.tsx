import { NotReadyCard } from '../ui/NotReadyCard';

const WILL_SHOW = [
  'Response time p50, p95 and p99 against your budgets, throughput, error rate and Apdex',
  'Core Web Vitals at p75 with good, needs-improvement and poor shares, and a performance score',
  'Infrastructure health: CPU, memory, database connections, cache hit rate and queues',
  'Business metrics your services report, and the alerts that are firing',
];

/** An honest statement of what the home's charts will show: none are drawn yet. */
export function HomePlans() {
  return (
    <NotReadyCard title="The charts are not available yet">
      <p className="text-sm text-fg-muted">This view will draw what your services and browsers send:</p>
      <ul className="list-disc space-y-1 pl-5 text-sm text-fg-muted">
        {WILL_SHOW.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </NotReadyCard>
  );
}
